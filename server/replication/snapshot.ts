/**
 * The bootstrap snapshot: a new or wiped counter's first download of its office's dossiers and
 * events, as one gzip'd NDJSON stream per phase instead of document-by-document pulls.
 *
 * Phase `recent`: the open dossiers and those changed since `since` (default: 90 days ago), each
 * with its events, read in one REPEATABLE READ transaction, ending with the checkpoint of each
 * collection in that snapshot: the pull starts there, so a change committed during the snapshot is
 * pulled, and nothing in the snapshot is pulled again.
 * Phase `history`: the rest as it stood at those checkpoints (rows changed since are the pull's):
 * the other dossiers unchanged since, with their events, then the events the recent phase could not
 * have sent (of a dossier absent or changed since its checkpoint). The counter writes history
 * only where it holds nothing yet, so an event sent by both phases is written once.
 */
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { z } from 'zod';
import {
  snapshotQuerySchema,
  SNAPSHOT_CLOSED_STATUSES,
  type SnapshotEnd,
  type SnapshotQuery,
} from '../../shared/sync/snapshot';
import { NDJSON_TYPE } from '../../shared/sync/ndjson';
import { fail } from '../http/reply';
import { acceptsGzip } from './pull-page';

/** Dossiers per page of the snapshot (each followed by its events). */
const PAGE_DOSSIERS = 1000;
const RECENT_DAYS = 90;

const CLOSED = SNAPSHOT_CLOSED_STATUSES.map((s) => `'${s}'`).join(',');
/** A dossier of the recent phase ($since: the window's start). */
const RECENT = (since: string) => `(doc->>'status' NOT IN (${CLOSED}) OR doc->>'updatedAt' >= ${since})`;

const DOSSIER_PAGE = (recent: boolean) => `SELECT id, seq, doc::text AS doc FROM documents
  WHERE collection = 'dossiers' AND office_id = $1 AND NOT deleted AND seq > $2::bigint AND seq <= $3::bigint
    AND ${recent ? '' : 'NOT '}${RECENT('$4')}
  ORDER BY seq LIMIT ${PAGE_DOSSIERS}`;
const EVENTS_OF = `SELECT doc::text AS doc FROM documents
  WHERE collection = 'dossier_events' AND dossier_id = ANY($1::text[]) AND office_id = $2 AND NOT deleted
    AND seq <= $3::bigint`;
/** Events whose dossier the recent snapshot did not hold unchanged: absent, or changed since. */
const ORPHAN_EVENTS = `SELECT e.doc::text AS doc FROM documents e
  WHERE e.collection = 'dossier_events' AND e.office_id = $1 AND NOT e.deleted AND e.seq <= $2::bigint
    AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.collection = 'dossiers' AND d.id = e.dossier_id
      AND d.seq <= $3::bigint)`;
const LAST_CHANGE = `SELECT seq, id FROM documents WHERE collection = $1 ORDER BY seq DESC LIMIT 1`;

type Checkpoints = SnapshotEnd['checkpoints'];

function line(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/** A group of documents of one collection: a header line, then one document per line. */
function group(collection: 'dossiers' | 'dossier_events', docs: string[]): string {
  return docs.length === 0 ? '' : line({ collection, count: docs.length }) + docs.join('\n') + '\n';
}

async function checkpointsNow(client: pg.PoolClient): Promise<Checkpoints> {
  const at = async (collection: string) => {
    const r = await client.query<{ seq: string; id: string }>(LAST_CHANGE, [collection]);
    const row = r.rows[0];
    return row ? { seq: Number(row.seq), id: row.id } : { seq: 0, id: '' };
  };
  return { dossiers: await at('dossiers'), dossier_events: await at('dossier_events') };
}

/** The lines of one phase for an office, read in one snapshot of the database. */
export async function* snapshotLines(
  pool: pg.Pool,
  officeId: string,
  query: SnapshotQuery,
  now: () => Date = () => new Date(),
): AsyncGenerator<string> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const recent = query.phase === 'recent';
    const since = query.since ?? new Date(now().getTime() - RECENT_DAYS * 86_400_000).toISOString();
    const checkpoints: Checkpoints = recent
      ? await checkpointsNow(client)
      : {
          dossiers: { seq: query.dossiersSeq ?? 0, id: query.dossiersId ?? '' },
          dossier_events: { seq: query.eventsSeq ?? 0, id: query.eventsId ?? '' },
        };
    const total = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM documents WHERE collection = 'dossiers' AND office_id = $1
         AND NOT deleted AND seq <= $2::bigint AND ${recent ? '' : 'NOT '}${RECENT('$3')}`,
      [officeId, checkpoints.dossiers.seq, since],
    );
    yield line({ phase: query.phase, since, dossiers: total.rows[0]!.n });
    let after = 0;
    let sent = 0;
    for (;;) {
      const page = await client.query<{ id: string; seq: string; doc: string }>(DOSSIER_PAGE(recent), [
        officeId,
        after,
        checkpoints.dossiers.seq,
        since,
      ]);
      if (page.rows.length === 0) break;
      const events = await client.query<{ doc: string }>(EVENTS_OF, [
        page.rows.map((r) => r.id),
        officeId,
        checkpoints.dossier_events.seq,
      ]);
      // Events first: a dossier the counter holds has its chain.
      yield (
        group(
          'dossier_events',
          events.rows.map((r) => r.doc),
        ) +
        group(
          'dossiers',
          page.rows.map((r) => r.doc),
        )
      );
      sent += page.rows.length + events.rows.length;
      after = Number(page.rows[page.rows.length - 1]!.seq);
    }
    if (!recent) {
      const orphans = await client.query<{ doc: string }>(ORPHAN_EVENTS, [
        officeId,
        checkpoints.dossier_events.seq,
        checkpoints.dossiers.seq,
      ]);
      yield group(
        'dossier_events',
        orphans.rows.map((r) => r.doc),
      );
      sent += orphans.rows.length;
    }
    yield line({ end: true, phase: query.phase, since, checkpoints, documents: sent } satisfies SnapshotEnd);
    await client.query('COMMIT');
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
}

/** GET /sync/snapshot: a counter's office's dossiers and events, one phase per request. */
export async function snapshotRoutes(app: FastifyInstance, opts: { pool: pg.Pool }): Promise<void> {
  app.get('/sync/snapshot', async (req, reply) => {
    const device = req.device!;
    if (device.role !== 'counter')
      return fail(reply, 403, 'forbidden', 'the snapshot is for the counters of an office');
    const q = snapshotQuerySchema.safeParse(req.query);
    if (!q.success) return fail(reply, 400, 'bad_request', z.prettifyError(q.error));
    const lines = Readable.from(snapshotLines(opts.pool, device.officeId, q.data));
    reply.type(`${NDJSON_TYPE}; charset=utf-8`);
    reply.header('cache-control', 'no-store');
    if (acceptsGzip(req.headers['accept-encoding'])) {
      reply.header('content-encoding', 'gzip');
      // The fastest level: the stream is CPU-bound on both ends, and the counter's link is a LAN.
      return reply.send(lines.pipe(createGzip({ level: 1 })));
    }
    return reply.send(lines);
  });
}
