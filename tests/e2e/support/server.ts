import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import {
  createServer,
  request,
  type ClientRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import { test } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../../server/app';
import { startEmbeddedPostgres } from '../../../server/db/embedded-postgres';
import { copyTemplateCluster } from '../../support/postgres-template';
import { openDatabase } from '../../../server/db/pool';
import { migrate } from '../../../server/db/migrations';
import { openStores, type Stores } from '../../../server/stores';
import type { CollectionName, WireDocument } from '../../../shared/sync/contract';
import { DEMO_COUNTER, DEMO_OFFICE, DEMO_PROCEDURES, DEMO_SECTORS, demoOfficers } from '../../../shared/demo';

export interface SyncServer {
  /** What a browser page uses as the server address. */
  url: string;
  /** The server's PostgreSQL, for the province's CLI run as IT staff would (DATABASE_URL). */
  databaseUrl: string;
  store: Stores;
  /** Puts every demo officer on the province's roster (as an admin fixing it would). */
  addDemoOfficers(): Promise<void>;
  /** Cuts every open connection (the live streams too), as a dropped network link does. */
  cutConnections(): void;
  /**
   * A one-time enrolment code for `officeId` naming no counter (the PC asks for its own): what the
   * panel's form of a demo counter uses.
   */
  enrolCode(officeId?: string): Promise<string>;
  /**
   * A code for the next demo counter not handed out yet (`enrol-code --counter`): what IT staff type
   * on a new PC's first-run screen. Each PC of a test is another counter of the demo office.
   */
  counterCode(): Promise<string>;
  stop(): Promise<void>;
}

/** The demo office's counter and two more, so each PC of a test enrols as a counter of its own. */
const DEMO_COUNTERS = [
  DEMO_COUNTER,
  { ...DEMO_COUNTER, id: 'demo-counter-2', name: 'Quầy số 2' },
  { ...DEMO_COUNTER, id: 'demo-counter-3', name: 'Quầy số 3' },
];

/**
 * For a spec whose tests each start their own server: `start` starts it (as startSyncServer), and it
 * stops after the test, passed or failed.
 */
export function useSyncServer(): (opts?: Parameters<typeof startSyncServer>[0]) => Promise<SyncServer> {
  let server: SyncServer | null = null;
  test.afterEach(async () => {
    await server?.stop();
    server = null;
  });
  return async (opts) => (server = await startSyncServer(opts));
}

/**
 * The real provincial server for a browser test: embedded PostgreSQL in a temporary folder on a free
 * port, migrations, the Fastify app on a free port, and the demo office's catalogue (the one the web
 * app seeds on "use the demo office") managed on the server as a province admin would.
 */
export async function startSyncServer(
  opts: {
    withoutOfficers?: string[];
    /** false: an empty province, loaded by the test. */ demo?: boolean;
  } = {},
): Promise<SyncServer> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-e2e-pg-'));
  chmodSync(dir, 0o777); // as root, PostgreSQL runs as its own system user
  await copyTemplateCluster(join(dir, 'pg'));
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg') });
  const db = await openDatabase({ url: pg.url, poolSize: 5 });
  await migrate(db.pool);
  // The server's scan files in the test's own folder, removed with it.
  const store = openStores(db.pool, { scansDir: join(dir, 'scans') });
  const put = async (collection: CollectionName, docs: object[]) => {
    const res = await store.catalogue.upsertCatalogue(
      collection,
      docs.map((d) => ({ ...d, _deleted: false }) as WireDocument),
      'e2e-admin',
    );
    if (res.rejected.length) throw new Error(`seed ${collection}: ${JSON.stringify(res.rejected)}`);
  };
  if (opts.demo ?? true) {
    await put('offices', [DEMO_OFFICE]);
    await put('counters', DEMO_COUNTERS);
    // A test can leave officers off the province's roster (their pushes are then refused).
    const skip = new Set(opts.withoutOfficers ?? []);
    await put(
      'officers',
      demoOfficers().filter((o) => !skip.has(o.username)),
    );
    await put('sectors', DEMO_SECTORS);
    await put('procedures', DEMO_PROCEDURES);
  }

  let handedOut = 0;
  const app = await buildApp({ stores: store, heartbeatMs: 1000 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const front = await cuttableFront(app.server.address());

  return {
    url: front.url,
    databaseUrl: pg.url,
    store,
    addDemoOfficers: () => put('officers', demoOfficers()),
    cutConnections: () => front.cut(),
    enrolCode: async (officeId = DEMO_OFFICE.id) =>
      (await store.devices.issueEnrolCode(officeId, 'counter', 60)).code,
    async counterCode() {
      const counter = DEMO_COUNTERS[handedOut++];
      if (!counter) throw new Error('every demo counter of the test server is handed out');
      return (await store.devices.issueEnrolCode(DEMO_OFFICE.id, 'counter', 60, counter.id)).code;
    },
    async stop() {
      await front.close();
      await app.close();
      await db.close();
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A front between the web app and the server that passes everything through unchanged (the server
 * answers CORS itself; bodies and the SSE stream are piped, not buffered) and can cut every open
 * connection at once: a link that drops with requests and the live stream open.
 */
async function cuttableFront(
  target: ReturnType<Server['address']>,
): Promise<{ url: string; cut(): void; close(): Promise<void> }> {
  if (!target || typeof target === 'string') throw new Error('server address');
  const sockets = new Set<Socket>();
  const upstreams = new Set<ClientRequest>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(
      { host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstreams.add(upstream);
    upstream.on('close', () => upstreams.delete(upstream));
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const cut = () => {
    for (const s of sockets) s.destroy();
    for (const u of upstreams) u.destroy();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    cut,
    close: () =>
      new Promise<void>((ok) => {
        cut();
        server.close(() => ok());
      }),
  };
}
