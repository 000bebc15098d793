import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/db/embedded-postgres';
import { checkAgainstChain } from '../../server/replication/dossier-fold';
import type { Dossier, DossierEvent } from '../../shared/domain';
import { mulberry32 } from '../support/prng';
import {
  act,
  enrolCounter,
  eventually,
  ids,
  OFFICE_A,
  type SeededServer,
  startSeededServer,
  type TestCounter,
  THREE_STEPS,
} from './harness';

/**
 * The server killed (-9) at random points while several counters push and pull, round after round.
 * After the last restart and the counters' retries: nothing acknowledged is lost, nothing is stored
 * twice, and every stored dossier is the fold of its chain (checked over the whole table).
 */
const ROUNDS = 5;
const PER_ROUND = 8;
const SEED = 23;

let server: SeededServer;
const counters: TestCounter[] = [];
let child: ChildProcess | null = null;

beforeAll(async () => {
  server = await startSeededServer();
});
afterAll(async () => {
  child?.kill('SIGKILL');
  for (const c of counters) await c.close();
  await server?.close();
});

function spawnServer(port: number): Promise<ChildProcess> {
  return new Promise((ok, fail) => {
    const started = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/server-child.ts'], {
      env: { ...process.env, DATABASE_URL: server.pgUrl, PORT: String(port), STALL: 'none' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    started.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('LISTENING')) ok(started);
    });
    started.once('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
}

async function storedCount(collection: string, prefix: string): Promise<number> {
  const res = await server.store.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM documents WHERE collection = $1 AND id LIKE $2`,
    [collection, `${prefix}%`],
  );
  return res.rows[0]!.n;
}

/** Every stored dossier against its stored chain: the ids of those that are not its fold. */
async function dossiersNotTheirFold(): Promise<{ checked: number; bad: string[] }> {
  const rows = await server.store.pool.query<{ doc: Dossier; events: DossierEvent[] | null }>(
    `SELECT d.doc, (SELECT json_agg(e.doc) FROM documents e
       WHERE e.collection = 'dossier_events' AND e.dossier_id = d.id) AS events
     FROM documents d WHERE d.collection = 'dossiers'`,
  );
  const bad: string[] = [];
  for (const { doc, events } of rows.rows) {
    const history = events ?? [];
    const head = history.find((e) => e.hash === doc.lastEventHash);
    const verdict = head ? checkAgainstChain(doc, history, head) : null;
    if (!verdict?.ok || verdict.forced !== null) bad.push(doc.id);
  }
  return { checked: rows.rows.length, bad };
}

describe('server killed at random points during concurrent sync', () => {
  it(`${ROUNDS} rounds: nothing acknowledged lost or duplicated, every dossier the fold of its chain`, async () => {
    const random = mulberry32(SEED);
    const port = await freePort();
    child = await spawnServer(port);
    for (const counterId of ['a1', 'a2']) {
      const c = await enrolCounter(server, OFFICE_A, counterId);
      counters.push(c);
      c.connect(`http://127.0.0.1:${port}`, { pushBatchSize: 5 });
    }
    let recorded = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Both counters record while their sync runs; the server dies once a random share is in.
      await Promise.all(
        counters.map(async (c) => {
          for (let i = 0; i < PER_ROUND; i++) await act(c, `fr-${round}-${c.counterId}-${i}`, THREE_STEPS);
        }),
      );
      recorded += counters.length * PER_ROUND;
      const killAt = Math.floor((recorded - counters.length * PER_ROUND * random()) * THREE_STEPS.length);
      await eventually(
        () => storedCount('dossier_events', 'fr-'),
        (n) => n >= killAt,
        60_000,
      );
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      child = await spawnServer(port);
    }
    for (const c of counters) {
      const summary = await c.sync!.endOfDaySync(60_000);
      expect(summary).toMatchObject({ complete: true, pending: 0, rejected: [] });
    }
    // Everything each counter holds is on the server once, and the server holds nothing else.
    const local = (await Promise.all(counters.map((c) => ids(c, 'dossier_events')))).flat();
    const onServer = await server.store.pool.query<{ id: string }>(
      `SELECT id FROM documents WHERE collection = 'dossier_events' AND id LIKE 'fr-%' ORDER BY id`,
    );
    expect(onServer.rows.map((r) => r.id)).toEqual(
      [...new Set(local.filter((id) => id.startsWith('fr-')))].sort(),
    );
    expect(onServer.rows).toHaveLength(recorded * THREE_STEPS.length);
    expect(await storedCount('dossiers', 'fr-')).toBe(recorded);
    const invariant = await dossiersNotTheirFold();
    expect(invariant).toEqual({ checked: recorded, bad: [] });
    console.info(
      `fault rounds: ${ROUNDS} kills, ${recorded} dossiers, ${onServer.rows.length} events; ` +
        `${invariant.checked} stored dossiers checked against their chains, ${invariant.bad.length} differ`,
    );
  }, 600_000);
});
