/**
 * How PostgreSQL runs a pull once the documents table has statistics (autovacuum analyses it as it
 * fills): the page's changes are read in server order through the index, not every change of the
 * collection with its document and then sorted.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Device } from '../../server/devices/device';
import { OFFICE_A, startPostgres, startServer, type RunningServer } from './harness';

const EVENTS = 3000;
const reader: Device = { id: 'dev-reader', officeId: OFFICE_A, counterId: 'a2', role: 'counter', name: 'a2' };
let pg: Awaited<ReturnType<typeof startPostgres>>;
let server: RunningServer;

beforeAll(async () => {
  pg = await startPostgres();
  server = await startServer(pg.url);
  const { db } = server;
  // Another counter's events, written straight into the table (the pull does not read their bodies).
  await db.pool.query(
    `INSERT INTO documents (collection, id, office_id, seq, deleted, doc, written_by, replica, dossier_id, chain_seq)
     SELECT 'dossier_events', 'e-' || g, $1, nextval('change_seq'), false,
            json_build_object('id', 'e-' || g, 'officeId', $1::text, 'note', repeat('x', 900)),
            'dev-writer', 'writer-replica', 'd-' || g, 1
     FROM generate_series(1, $2::int) AS g`,
    [OFFICE_A, EVENTS],
  );
  await db.pool.query('ANALYZE documents');
}, 120_000);

afterAll(async () => {
  await server?.close();
  await pg?.stop();
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  /** Per loop: a node run once per outer row reads this many each time. */
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

function scansOfDocuments(node: PlanNode): PlanNode[] {
  const own = node['Relation Name'] === 'documents' ? [node] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scansOfDocuments)];
}

it('a page of 1,000 out of 3,000 changes reads about 1,000 rows of the table, through its index', async () => {
  const { db, store } = server;
  const query = vi.spyOn(db.pool, 'query');
  const page = await store.replication.pull(reader, 'dossier_events', null, 1000, 'reader-replica');
  const call = query.mock.calls.find(([text]) => typeof text === 'string' && text.includes('WITH scanned'));
  query.mockRestore();
  expect(page.count).toBe(1000);
  expect(call).toBeDefined();
  const [text, values] = call as unknown as [string, unknown[]];
  const explained = await db.pool.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
    `EXPLAIN (ANALYZE, FORMAT JSON) ${text}`,
    values,
  );
  const scans = scansOfDocuments(explained.rows[0]!['QUERY PLAN'][0]!.Plan);
  expect(scans.map((s) => s['Node Type'])).not.toContain('Seq Scan');
  const rowsRead = scans.reduce((n, s) => n + s['Actual Rows'] * s['Actual Loops'], 0);
  expect(rowsRead).toBeLessThanOrEqual(1000 + 2);
});
