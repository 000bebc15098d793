import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { randomBytes } from 'node:crypto';
import {
  dossierMigrations,
  encryptedDossierRxSchema,
  encryptedEventRxSchema,
  personalDataStorage,
} from '../../renderer/db/database';
import { forgetFieldCipher } from '../../renderer/db/field-cipher';
import { officerRxSchema, type DossierDoc } from '../../renderer/db/schemas';
import { toDossierDoc } from '../../renderer/db/dossier-doc';
import {
  startSync,
  enrolDevice,
  type SyncClient,
  type SyncClientOptions,
} from '../../renderer/features/sync/client';
import { buildApp } from '../../server/app';
import { startEmbeddedPostgres } from '../../server/db/embedded-postgres';
import { copyTemplateCluster } from '../support/postgres-template';
import { openDatabase, type Database } from '../../server/db/pool';
import { migrate } from '../../server/db/migrations';
import { openStores, type Stores } from '../../server/stores';
import type { Dossier, DossierEvent, Officer, Role } from '../../shared/domain';
import type { CollectionName, WireDocument } from '../../shared/sync/contract';
import { decide, type Actor } from '../../shared/workflow/decide';
import { actorFor, sampleCommand, PATH_TO } from '../support/workflow-fixtures';
import type { CommandType } from '../../shared/workflow/transitions';

export const OFFICE_A = 'office-a';
export const OFFICE_B = 'office-b';
const NOW = '2026-03-02T01:00:00.000Z';

/** One real PostgreSQL per test file, in a temporary folder. */
export async function startPostgres(
  postgresFlags: string[] = [],
): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-pg-'));
  chmodSync(dir, 0o777); // as root, PostgreSQL runs as a separate system user
  await copyTemplateCluster(join(dir, 'pg'));
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), postgresFlags });
  return {
    url: pg.url,
    async stop() {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RunningServer {
  url: string;
  port: number;
  store: Stores;
  db: Database;
  close(): Promise<void>;
}

export async function startServer(pgUrl: string, port = 0): Promise<RunningServer> {
  const db = await openDatabase({ url: pgUrl });
  await migrate(db.pool);
  // Scan files in a folder of the test's own, removed with the server.
  const scansDir = mkdtempSync(join(tmpdir(), 'motcua-scans-'));
  const store = openStores(db.pool, { scansDir });
  const app = await buildApp({ stores: store, heartbeatMs: 1000 });
  await app.listen({ host: '127.0.0.1', port });
  const addr = app.server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    store,
    db,
    async close() {
      await app.close();
      await db.close();
      rmSync(scansDir, { recursive: true, force: true });
    },
  };
}

const ROLES: Role[] = ['receiver', 'appraiser', 'approver', 'sealer', 'supervisor'];
export const officerId = (office: string, role: Role) => `${office}-${role}`;

/** The office's officer of `role` acting in that role at counter `counterId`, as the seeded roster has them. */
export function officeActor(office: string, role: Role, counterId: string): Actor {
  return actorFor(role, { officerId: officerId(office, role), counterId, officeId: office });
}

/** Offices A and B, two counters in A, one in B, an officer per role in each office, a procedure. */
export async function seedCatalogue(store: Stores): Promise<void> {
  const offices = [OFFICE_A, OFFICE_B];
  const put = async (collection: CollectionName, docs: Record<string, unknown>[]) => {
    const res = await store.catalogue.upsertCatalogue(
      collection,
      docs.map((d) => ({ ...d, _deleted: false }) as WireDocument),
      'seed',
    );
    if (res.rejected.length) throw new Error(`seed ${collection}: ${JSON.stringify(res.rejected)}`);
  };
  await put(
    'offices',
    offices.map((id, i) => ({
      id,
      agencyCode: `000.00.0${i + 1}.H56`,
      level: 'commune',
      name: `UBND ${id}`,
      parentName: 'UBND TỈNH HƯNG YÊN',
      address: 'Hưng Yên',
      phone: '',
      updatedAt: NOW,
    })),
  );
  await put('counters', [
    { id: 'a1', officeId: OFFICE_A, name: 'Quầy 1', updatedAt: NOW },
    { id: 'a2', officeId: OFFICE_A, name: 'Quầy 2', updatedAt: NOW },
    { id: 'b1', officeId: OFFICE_B, name: 'Quầy 1', updatedAt: NOW },
    { id: 'p1', officeId: OFFICE_A, name: 'Tỉnh', updatedAt: NOW },
  ]);
  await put(
    'officers',
    offices.flatMap((office) =>
      ROLES.map((role) => ({
        id: officerId(office, role),
        officeId: office,
        username: `${office}.${role}`,
        fullName: `Cán bộ ${role}`,
        title: '',
        roles: [role],
        active: true,
        verifier: null,
        updatedAt: NOW,
      })),
    ),
  );
  await put('sectors', [{ id: 'sector-civil', code: 'HT', name: 'Hộ tịch', updatedAt: NOW }]);
  await put('procedures', [
    {
      id: 'proc-birth',
      code: '1.001193',
      name: 'Đăng ký khai sinh',
      sectorId: 'sector-civil',
      legalTime: { unit: 'immediate' },
      fees: [],
      requiredDocuments: [],
      onSiteSteps: ['receive', 'appraise', 'approve', 'seal', 'return'],
      leadAgency: '',
      active: true,
      updatedAt: NOW,
    },
  ]);
}

/** A sync server on its own embedded PostgreSQL, with the test catalogue loaded. */
export interface SeededServer extends RunningServer {
  /** Its database (for a second server process, the admin CLI, a spawned server). */
  pgUrl: string;
  /** Closes the server, then stops and removes its PostgreSQL. */
  close(): Promise<void>;
}

/** `officeAdmins`: each office's admin is on the roster too (listOfficeAdmins). */
export async function startSeededServer(options: { officeAdmins?: boolean } = {}): Promise<SeededServer> {
  const pg = await startPostgres();
  const server = await startServer(pg.url);
  await seedCatalogue(server.store);
  if (options.officeAdmins) await listOfficeAdmins(server.store);
  return {
    ...server,
    pgUrl: pg.url,
    async close() {
      await server.close();
      await pg.stop();
    },
  };
}

/** Puts each office's admin (`<office>-admin`) on the province's roster, without a password yet. */
async function listOfficeAdmins(store: Stores): Promise<void> {
  const res = await store.catalogue.upsertCatalogue(
    'officers',
    [OFFICE_A, OFFICE_B].map((office) => ({
      id: `${office}-admin`,
      officeId: office,
      username: `${office}.admin`,
      fullName: `Quản trị ${office}`,
      title: '',
      roles: ['admin'],
      active: true,
      verifier: null,
      updatedAt: '2026-03-02T01:00:00.000Z',
      _deleted: false,
    })),
    'seed',
  );
  if (res.rejected.length) throw new Error(`office admins refused: ${JSON.stringify(res.rejected)}`);
}

export async function enrol(
  server: RunningServer,
  office: string,
  counterId: string,
  role: 'counter' | 'province' = 'counter',
): Promise<{ token: string; deviceId: string }> {
  const { code } = await server.store.devices.issueEnrolCode(office, role, 60);
  const res = await enrolDevice(server.url, { code, counterId, deviceName: `test ${counterId}` });
  return { token: res.token, deviceId: res.deviceId };
}

let dbCounter = 0;
/**
 * RxDB's free tier allows 13 open collections per JavaScript context, so test counters open only
 * the synced collections (plus officers on request) with the counter app's own schemas.
 */
export type TestCollections = {
  dossiers: RxCollection<DossierDoc>;
  dossier_events: RxCollection<DossierEvent>;
  officers?: RxCollection<Officer>;
};
export type TestDatabase = RxDatabase<TestCollections>;

export interface TestCounter {
  db: TestDatabase;
  sync: SyncClient | null;
  office: string;
  counterId: string;
  token: string;
  connect(url: string, extra?: Partial<SyncClientOptions>): SyncClient;
  disconnect(): Promise<void>;
  close(): Promise<void>;
  /**
   * Disconnects and deletes the replica: RxDB's memory storage keeps a closed database's data for a
   * reopening, in this process's memory.
   */
  remove(): Promise<void>;
}

/** Enrols a device of `counterId` on `server` and opens its counter, not yet connected. */
export async function enrolCounter(
  server: RunningServer,
  office: string,
  counterId: string,
  options: { role?: 'counter' | 'province'; withOfficers?: boolean } = {},
): Promise<TestCounter> {
  const { token } = await enrol(server, office, counterId, options.role);
  return openCounter(office, counterId, token, options.withOfficers);
}

/** A counter's real RxDB replica (memory storage) with the real replication client. */
export async function openCounter(
  office: string,
  counterId: string,
  token: string,
  withOfficers = false,
): Promise<TestCounter> {
  const key = randomBytes(32).toString('base64');
  const db = await createRxDatabase<TestCollections>({
    name: `counter${++dbCounter}${counterId}`,
    // As a counter stores them: personal fields encrypted under the counter's own key, blind index.
    storage: personalDataStorage(getRxStorageMemory(), key),
    password: key,
    multiInstance: false,
  });
  // As the app's data database does: the cipher's remembered values go with the database.
  db.onClose.push(() => forgetFieldCipher(key));
  await db.addCollections({
    dossiers: {
      schema: encryptedDossierRxSchema,
      migrationStrategies: dossierMigrations,
    },
    dossier_events: { schema: encryptedEventRxSchema },
    ...(withOfficers ? { officers: { schema: officerRxSchema } } : {}),
  });
  const counter: TestCounter = {
    db,
    sync: null,
    office,
    counterId,
    token,
    connect(url, extra = {}) {
      counter.sync = startSync({
        serverUrl: url,
        token: counter.token,
        retryMs: 100,
        maxRetryMs: 1000,
        collections: {
          dossier_events: db.dossier_events,
          dossiers: db.dossiers,
          ...(db.officers ? { officers: db.officers } : {}),
        },
        ...extra,
      });
      return counter.sync;
    },
    async disconnect() {
      await counter.sync?.stop();
      counter.sync = null;
    },
    async close() {
      await counter.disconnect();
      await db.close();
    },
    async remove() {
      await counter.disconnect();
      await db.remove();
    },
  };
  return counter;
}

/** The dossier code each test dossier id gets (assigned in order, so no two dossiers share one). */
const testCodes = new Map<string, string>();
export function testCodeOf(dossierId: string): string {
  let code = testCodes.get(dossierId);
  if (!code) {
    const n = testCodes.size + 1;
    code = `000.00.06.H56-${260302 + Math.floor(n / 10_000)}-${String(n % 10_000).padStart(4, '0')}`;
    testCodes.set(dossierId, code);
  }
  return code;
}

/**
 * Runs workflow commands on a counter's replica, the way the counter app records a step. A step
 * that issues a code issues the dossier's own (testCodeOf), unless `overrides` names one.
 */
export async function act(
  counter: TestCounter,
  dossierId: string,
  steps: readonly [CommandType, Role][],
  overrides: Record<string, unknown> = {},
): Promise<{ dossier: Dossier; events: DossierEvent[] }> {
  const existing = await counter.db.dossiers.findOne(dossierId).exec();
  let dossier: Dossier | null = existing ? (stripDerived(existing.toMutableJSON()) as Dossier) : null;
  const events: DossierEvent[] = [];
  for (const [type, role] of steps) {
    const n = (dossier?.eventCount ?? 0) + 1;
    const base = sampleCommand(type, dossier, n) as Record<string, unknown>;
    const command = {
      ...base,
      ...('code' in base ? { code: testCodeOf(dossierId) } : {}),
      ...overrides,
      dossierId,
      officeId: counter.office,
      ...('counterId' in base ? { counterId: counter.counterId } : {}),
      eventId: `${dossierId}-e${n}-${counter.counterId}-${type}`,
    };
    const actor = officeActor(counter.office, role, counter.counterId);
    const at = new Date(Date.parse(NOW) + n * 60_000).toISOString();
    const result = decide(dossier, command, actor, at);
    if (!result.ok) throw new Error(`${type}: ${result.error.code} ${result.error.message}`);
    dossier = result.dossier;
    events.push(result.event);
  }
  await counter.db.dossier_events.bulkInsert(events.map((e) => ({ ...e })));
  await counter.db.dossiers.upsert(toDossierDoc(dossier!));
  return { dossier: dossier!, events };
}

export const receiveSteps = PATH_TO.received;
/** Received, appraised, approved: three events per dossier (a typical on-site dossier). */
export const THREE_STEPS: readonly [CommandType, Role][] = [
  ['receive', 'receiver'],
  ['appraise', 'appraiser'],
  ['approve', 'approver'],
];

function stripDerived(doc: Record<string, unknown>): Record<string, unknown> {
  const {
    applicantIdNumber: _a,
    applicantPhone: _p,
    applicantGiven: _g,
    _meta,
    _rev,
    _attachments,
    _deleted,
    ...rest
  } = doc;
  return rest;
}

export async function ids(
  counter: TestCounter,
  collection: 'dossiers' | 'dossier_events',
): Promise<string[]> {
  const docs = await counter.db[collection].find().exec();
  return docs.map((d) => d.primary).sort();
}

/** Polls until `check` holds (replication is asynchronous); fails with the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (v: T) => boolean,
  timeoutMs = 15_000,
  intervalMs = 50,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (!check(last)) {
    if (Date.now() > end) throw new Error(`condition not met: ${JSON.stringify(last).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await read();
  }
  return last;
}
