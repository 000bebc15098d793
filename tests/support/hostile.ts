/**
 * The hostile-input suite's shared set-up (tests/integration/hostile/): one seeded server per test
 * file, tokens of office A's counters, office B's counter and a province device, dossiers recorded
 * with the shared workflow, raw HTTP requests, and a fingerprint of every table a request could
 * change, so each case proves that nothing was stored or changed.
 */
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app';
import { openDatabase, type Database } from '../../server/db/pool';
import { migrate } from '../../server/db/migrations';
import { openStores, type Stores } from '../../server/stores';
import type { Dossier, DossierEvent, Role } from '../../shared/domain';
import { bearer, type PushRow } from '../../shared/sync/contract';
import { decide } from '../../shared/workflow/decide';
import type { CommandType } from '../../shared/workflow/transitions';
import { toDossierDoc } from '../../renderer/db/dossier-doc';
import { enrolDevice } from '../../renderer/features/sync/http';
import {
  OFFICE_A,
  OFFICE_B,
  officeActor,
  officerId,
  seedCatalogue,
  startPostgres,
  testCodeOf,
  THREE_STEPS,
} from '../integration/harness';
import { PATH_TO, sampleCommand } from './workflow-fixtures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
export type Json = any;

export interface Answer {
  status: number;
  json: Json;
}

/** A request as a case sends it: the body as given (string/Buffer raw, else JSON). */
export interface RawRequest {
  method?: string;
  path: string;
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface HostileServer {
  url: string;
  /** Its PostgreSQL (for the admin CLI). */
  pgUrl: string;
  stores: Stores;
  updatesDir: string;
  /** Office A's counter a1 (two PCs: a1, a1b), a2, office B's b1, and a province device of A. */
  tokens: { a1: string; a1b: string; a2: string; b1: string; province: string };
  send(req: RawRequest): Promise<Answer>;
  push(token: string, collection: string, rows: unknown[]): Promise<Answer>;
  /** Everything requests could change: documents, devices, codes, conflicts, leases. */
  snapshot(): Promise<string>;
}

const NOW = '2026-03-02T01:00:00.000Z';

/** Starts the file's server (rate limit `authRatePerMinute`) before its tests, closes it after. */
export function useHostileServer(authRatePerMinute = 10_000): () => HostileServer {
  let server: HostileServer | undefined;
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const pg = await startPostgres();
    const db: Database = await openDatabase({ url: pg.url });
    await migrate(db.pool);
    const stores = openStores(db.pool);
    const updatesDir = mkdtempSync(join(tmpdir(), 'motcua-hostile-updates-'));
    const app: FastifyInstance = await buildApp({ stores, authRatePerMinute, updatesDir });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    await seedCatalogue(stores);
    const token = async (office: string, counterId: string, role: 'counter' | 'province' = 'counter') => {
      const { code } = await stores.devices.issueEnrolCode(office, role, 60);
      return (await enrolDevice(url, { code, counterId, deviceName: `hostile ${counterId}` })).token;
    };
    const tokens = {
      a1: await token(OFFICE_A, 'a1'),
      a1b: await token(OFFICE_A, 'a1'),
      a2: await token(OFFICE_A, 'a2'),
      b1: await token(OFFICE_B, 'b1'),
      province: await token(OFFICE_A, 'p1', 'province'),
    };
    server = { ...makeServer(url, stores, updatesDir, tokens), pgUrl: pg.url };
    close = async () => {
      await app.close();
      await db.close();
      await pg.stop();
      rmSync(updatesDir, { recursive: true, force: true });
    };
  }, 120_000);
  afterAll(async () => close(), 60_000);
  return () => {
    if (!server) throw new Error('the hostile server starts in beforeAll');
    return server;
  };
}

function makeServer(
  url: string,
  stores: Stores,
  updatesDir: string,
  tokens: HostileServer['tokens'],
): Omit<HostileServer, 'pgUrl'> {
  const send = async (req: RawRequest): Promise<Answer> => {
    const raw = typeof req.body === 'string' || Buffer.isBuffer(req.body);
    const headers: Record<string, string> = {
      ...(req.token ? { authorization: bearer(req.token) } : {}),
      ...(req.body !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
      ...req.headers,
    };
    const res = await fetch(`${url}${req.path}`, {
      method: req.method ?? (req.body === undefined ? 'GET' : 'POST'),
      headers,
      body: req.body === undefined ? undefined : raw ? (req.body as string) : JSON.stringify(req.body),
    });
    const text = await res.text();
    let json: Json = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: the case checks the text
    }
    return { status: res.status, json };
  };
  return {
    url,
    stores,
    updatesDir,
    tokens,
    send,
    push: (token, collection, rows) => send({ token, path: `/sync/${collection}/push`, body: { rows } }),
    async snapshot() {
      const res = await stores.pool.query<{ state: string }>(
        `SELECT concat_ws('|',
           (SELECT md5(coalesce(string_agg(collection || '/' || id || '/' || deleted || '/' || doc::text, ',' ORDER BY collection, id), '')) FROM documents),
           (SELECT count(*) FROM documents),
           (SELECT count(*) || '/' || count(revoked_at) FROM devices),
           (SELECT count(*) || '/' || count(used_at) FROM enrol_codes),
           (SELECT count(*) FROM conflicts)) AS state`,
      );
      return res.rows[0]!.state;
    },
  };
}

/** A pushed row: the document with its deleted flag (false unless given). */
export function row(doc: object, assumed: object | null = null): PushRow {
  return { newDocumentState: { _deleted: false, ...doc }, assumedMasterState: assumed } as PushRow;
}

export interface Recorded {
  dossier: Dossier;
  events: DossierEvent[];
  /** The dossier as a counter pushes it (with its derived search field). */
  doc: Record<string, unknown>;
}

export interface StepOptions {
  office?: string;
  counterId?: string;
  /** The officer who records the steps, by role (default: the office's officer of the step's role). */
  officerRole?: Role;
  /** The moment of the first step (each next one a minute later). */
  at?: string;
  /** Fields that replace the sample command's, by step (e.g. a return without a rating). */
  overrides?: Partial<Record<CommandType, Record<string, unknown>>>;
}

/** Records `steps` on `base` (null: a new dossier `dossierId`) with decide(), as a counter would. */
export function record(
  dossierId: string,
  steps: readonly [CommandType, Role][],
  options: StepOptions = {},
  base: Dossier | null = null,
): Recorded {
  const office = options.office ?? OFFICE_A;
  const counterId = options.counterId ?? (office === OFFICE_A ? 'a1' : 'b1');
  let dossier = base;
  const events: DossierEvent[] = [];
  for (const [type, role] of steps) {
    const n = (dossier?.eventCount ?? 0) + 1;
    const sample = sampleCommand(type, dossier, n) as Record<string, unknown>;
    const command = {
      ...sample,
      ...('code' in sample ? { code: testCodeOf(dossierId) } : {}),
      dossierId,
      officeId: office,
      ...('counterId' in sample ? { counterId } : {}),
      eventId: `${dossierId}-e${n}-${type}`,
      ...options.overrides?.[type],
    };
    const actor = {
      ...officeActor(office, role, counterId),
      officerId: officerId(office, options.officerRole ?? role),
    };
    const at = new Date(Date.parse(options.at ?? NOW) + n * 60_000).toISOString();
    const result = decide(dossier, command, actor, at);
    if (!result.ok) throw new Error(`${type}: ${result.error.code} ${result.error.message}`);
    dossier = result.dossier;
    events.push(result.event);
  }
  return { dossier: dossier!, events, doc: toDossierDoc(dossier!) as unknown as Record<string, unknown> };
}

/** Pushes a recorded dossier's events and document with `token`; every row must be accepted. */
export async function stored(server: HostileServer, token: string, rec: Recorded): Promise<void> {
  const events = await server.push(
    token,
    'dossier_events',
    rec.events.map((e) => row(e)),
  );
  expect(events.json.rejected).toEqual([]);
  const dossiers = await server.push(token, 'dossiers', [row(rec.doc)]);
  expect(dossiers.json.rejected).toEqual([]);
}

/** One refusal of a push: the answer's status, the one row's reason and a word of its detail. */
export interface Refusal {
  status: number;
  reason: string;
  detail: string | RegExp;
}

/** Checks that a push answered 200 refusing its one row as `expected`. */
export function expectRowRefused(answer: Answer, expected: Refusal): void {
  expect(answer.status, JSON.stringify(answer.json).slice(0, 300)).toBe(200);
  expect(answer.json.rejected).toHaveLength(1);
  const [refused] = answer.json.rejected;
  expect(refused.reason).toBe(expected.reason);
  expect(refused.status).toBe(expected.status);
  expect(refused.detail).toMatch(expected.detail);
}

/**
 * Pushes `rows` to `collection` with `token` (counter a1 by default) and checks that the one row is
 * refused as `expected` and that nothing stored changed.
 */
export async function expectPushRefused(
  server: HostileServer,
  collection: string,
  rows: PushRow[],
  expected: Refusal,
  token: string = server.tokens.a1,
): Promise<void> {
  const before = await server.snapshot();
  expectRowRefused(await server.push(token, collection, rows), expected);
  expect(await server.snapshot()).toBe(before);
}

/** The dossiers a hostile file attacks: office A's received and approved ones, office B's received. */
export interface StoredDossiers {
  received: Recorded;
  approved: Recorded;
  officeB: Recorded;
}

/** Records and stores the starting dossiers, their ids prefixed with `prefix`, as their counters push them. */
export async function storeStartingDossiers(server: HostileServer, prefix: string): Promise<StoredDossiers> {
  const dossiers: StoredDossiers = {
    received: record(`${prefix}-received`, PATH_TO.received),
    approved: record(`${prefix}-approved`, THREE_STEPS),
    officeB: record(`${prefix}-b`, PATH_TO.received, { office: OFFICE_B }),
  };
  await stored(server, server.tokens.a1, dossiers.received);
  await stored(server, server.tokens.a1, dossiers.approved);
  await stored(server, server.tokens.b1, dossiers.officeB);
  return dossiers;
}

/**
 * Starts the file's hostile server and stores the starting dossiers (ids prefixed with `prefix`)
 * before its own set-up runs; `dossiers` is filled then.
 */
export function useStartingDossiers(prefix: string): {
  server: () => HostileServer;
  dossiers: StoredDossiers;
} {
  const server = useHostileServer();
  const dossiers = {} as StoredDossiers;
  beforeAll(async () => {
    Object.assign(dossiers, await storeStartingDossiers(server(), prefix));
  });
  return { server, dossiers };
}

/** An officer of office A as the province's roster lists them. */
export function rosterOfficer(id: string, roles: Role[], active: boolean, updatedAt: string) {
  return {
    id,
    officeId: OFFICE_A,
    username: id.replace(`${OFFICE_A}-`, `${OFFICE_A}.`),
    fullName: `Cán bộ ${id}`,
    title: '',
    roles,
    active,
    verifier: null,
    updatedAt,
    _deleted: false,
  };
}

/** Checks a whole request's refusal: status, error code and a word of its message. */
export function expectRequestRefused(answer: Answer, status: number, message: string | RegExp): void {
  expect(answer.status, JSON.stringify(answer.json).slice(0, 300)).toBe(status);
  expect(answer.status).toBeLessThan(500);
  expect(typeof answer.json === 'object' ? answer.json.message : answer.json).toMatch(message);
}

/** A body nested `depth` levels deep (built without recursion). */
export function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

/**
 * JSON text of `value` with `key` holding an object nested `depth` levels deep, written as text:
 * JSON.stringify itself recurses and cannot write it.
 */
export function withDeepField(value: object, key: string, depth: number): string {
  const deep = '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);
  return JSON.stringify({ ...value, [key]: '__deep__' }).replace('"__deep__"', deep);
}

/** gzip of `bytes` zero bytes: a small body that inflates past any limit. */
export function gzipBomb(bytes: number): Buffer {
  return gzipSync(Buffer.alloc(bytes));
}
