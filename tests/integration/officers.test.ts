// Officers' passwords and active flags between counters and the province server: the office admin's
// CLI bootstrap, a counter's signed changes (reset, own password, deactivate) applied once and pulled
// by the office's other counters, and what the server refuses whatever a counter says.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Officer } from '../../shared/domain';
import {
  officerChangesResponseSchema,
  signChange,
  type OfficerChange,
  type SignedOfficerChange,
} from '../../shared/officers';
import { createDirectoryRepository, openDirectoryDatabase, type DirectoryDatabase } from '../../renderer/db';
import { signingSeed, verifyPassword } from '../../renderer/auth';
import { createOfficerOutbox } from '../../renderer/features/officers/outbox';
import { createOfficerRecords } from '../../renderer/features/officers/records';
import { createOfficersService } from '../../renderer/features/officers/replica-service';
import type { Session } from '../../renderer/features/session/service';
import { enrol, OFFICE_A, OFFICE_B, officerId, startSeededServer, type SeededServer } from './harness';

let server: SeededServer;
let tokenA: string;
let tokenB: string;
let provinceToken: string;
const ADMIN_A = `${OFFICE_A}-admin`;
const ADMIN_B = `${OFFICE_B}-admin`;
const RECEIVER_A = officerId(OFFICE_A, 'receiver');
const APPRAISER_A = officerId(OFFICE_A, 'appraiser');
const RECEIVER_B = officerId(OFFICE_B, 'receiver');
const passwords: Record<string, string> = {};

const run = promisify(execFile);
const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');

/** The documented command, against the test server's database. */
async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(tsx, ['server/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: server.pgUrl },
  });
  return stdout;
}

async function pullOfficers(token: string): Promise<Officer[]> {
  const res = await fetch(`${server.url}/sync/officers/pull?limit=1000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { documents: Officer[] }).documents;
}

async function send(token: string, changes: SignedOfficerChange[]) {
  const res = await fetch(`${server.url}/officers/changes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ changes }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** A change signed by `actorId` with the key of their password as the server knows it. */
async function signedBy(
  actorId: string,
  change: { kind: OfficerChange['kind']; officerId: string; active?: boolean },
  id: string,
) {
  const actor = (await server.store.officers.get(actorId))!;
  const seed = await signingSeed(passwords[actorId]!, actor.verifier!);
  const full = { ...change, actorId, id, at: new Date().toISOString() } as OfficerChange;
  return signChange(full, seed);
}

beforeAll(async () => {
  // Each office gets its admin on the province's roster, without a password yet.
  server = await startSeededServer({ officeAdmins: true });
  tokenA = (await enrol(server, OFFICE_A, 'a1')).token;
  tokenB = (await enrol(server, OFFICE_B, 'b1')).token;
  provinceToken = (await enrol(server, OFFICE_A, 'p1', 'province')).token;
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe('officers: province bootstrap', () => {
  it('the CLI gives each admin a one-time password the counters can check', async () => {
    for (const admin of [ADMIN_A, ADMIN_B]) {
      const out = await cli('officer-password', '--officer', admin, '--one-time');
      const password = /one-time password for officer \S+: (\S+)/.exec(out)?.[1];
      expect(password, out).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      passwords[admin] = password!;
      const stored = (await server.store.officers.get(admin))!;
      expect(stored).toMatchObject({ mustChangePassword: true, active: true });
      expect(await verifyPassword(stored.verifier!, password!)).toBe(true);
    }
    // Office A's counter receives its admin, never office B's.
    const pulled = await pullOfficers(tokenA);
    expect(pulled.find((o) => o.id === ADMIN_A)?.mustChangePassword).toBe(true);
    expect(pulled.some((o) => o.id === ADMIN_B)).toBe(false);
  }, 60_000);

  it('the province admin routes reset and deactivate, with the province token only', async () => {
    const reset = await fetch(`${server.url}/admin/officers/${APPRAISER_A}/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${provinceToken}` },
      body: JSON.stringify({ oneTime: true }),
    });
    expect(reset.status).toBe(200);
    const { password } = (await reset.json()) as { password: string };
    passwords[APPRAISER_A] = password;
    expect(await verifyPassword((await server.store.officers.get(APPRAISER_A))!.verifier!, password)).toBe(
      true,
    );

    const asCounter = await fetch(`${server.url}/admin/officers/${APPRAISER_A}/active`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenA}` },
      body: JSON.stringify({ active: false }),
    });
    expect(asCounter.status).toBe(403);
    const invalid = await fetch(`${server.url}/admin/officers/${APPRAISER_A}/active`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${provinceToken}` },
      body: JSON.stringify({ active: 'no' }),
    });
    expect(invalid.status).toBe(400);
    const unknown = await fetch(`${server.url}/admin/officers/nobody/active`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${provinceToken}` },
      body: JSON.stringify({ active: false }),
    });
    expect(unknown.status).toBe(404);
  }, 60_000);
});

describe('officers: changes made on a counter', () => {
  let directoryDb: DirectoryDatabase;
  let online = true;

  beforeAll(async () => {
    directoryDb = await openDirectoryDatabase({
      name: `officers${Date.now()}`,
      storage: getRxStorageMemory(),
      devMode: false,
    });
    // The counter's replica holds office A's officers as pulled.
    await directoryDb.officers.bulkInsert(
      (await pullOfficers(tokenA)).map(({ _deleted: _d, ...o }: Officer & { _deleted?: boolean }) => o),
    );
  });
  afterAll(async () => {
    await directoryDb?.close();
  });

  function counterA() {
    const directory = createDirectoryRepository(directoryDb);
    const records = createOfficerRecords(directory, directoryDb);
    const outbox = createOfficerOutbox({
      directory,
      records,
      credential: async () => (online ? { serverUrl: server.url, token: tokenA } : null),
    });
    return {
      records,
      outbox,
      service: createOfficersService({ records, outbox, wrapDataKey: async () => undefined }),
    };
  }

  it('the admin sets their own password, resets an officer and deactivates another, offline first', async () => {
    const { service, outbox, records } = counterA();
    // First login of the admin: the one-time password, then their own.
    const admin = (await records.get(ADMIN_A))!;
    const fromCli = passwords[ADMIN_A]!;
    passwords[ADMIN_A] = 'Quan-tri-van-phong-A';
    const changed = await service.changePassword(admin, fromCli, passwords[ADMIN_A]);
    expect(changed.mustChangePassword).toBe(false);
    await expect.poll(async () => (await outbox.state()).pending.length).toBe(0);
    expect((await server.store.officers.get(ADMIN_A))!.mustChangePassword).toBe(false);

    // Offline: the changes apply here at once and wait.
    online = false;
    const session: Session = {
      officer: changed,
      role: 'admin',
      office: { id: OFFICE_A } as Session['office'],
      counterId: 'a1',
    };
    const oneTime = await service.resetPassword(session, RECEIVER_A, passwords[ADMIN_A]);
    await service.setActive(session, APPRAISER_A, false, passwords[ADMIN_A]);
    expect((await records.get(RECEIVER_A))!.mustChangePassword).toBe(true);
    expect(await verifyPassword((await records.get(RECEIVER_A))!.verifier!, oneTime)).toBe(true);
    expect((await records.get(APPRAISER_A))!.active).toBe(false);
    expect((await outbox.state()).pending).toHaveLength(2);
    expect((await server.store.officers.get(APPRAISER_A))!.active).toBe(true);
    await expect(service.resetPassword(session, RECEIVER_A, 'sai-mat-khau')).rejects.toThrow(
      'officers.wrong_password',
    );

    // Back online: the next sync sends them; the office's other counters pull them.
    online = true;
    await outbox.flush();
    expect((await outbox.state()).pending).toHaveLength(0);
    const pulled = await pullOfficers(tokenA);
    expect(pulled.find((o) => o.id === APPRAISER_A)?.active).toBe(false);
    const receiver = pulled.find((o) => o.id === RECEIVER_A)!;
    expect(receiver.mustChangePassword).toBe(true);
    expect(await verifyPassword(receiver.verifier!, oneTime)).toBe(true);

    // The officer sets their own password on the counter: signed with the one-time password's key.
    const own = await service.changePassword((await records.get(RECEIVER_A))!, oneTime, 'Sen-hong-nở-2026');
    await outbox.flush();
    const stored = (await server.store.officers.get(RECEIVER_A))!;
    expect(stored.signingKey).toBe(own.signingKey);
    expect(stored.mustChangePassword).toBe(false);
    expect(await verifyPassword(stored.verifier!, 'Sen-hong-nở-2026')).toBe(true);
    passwords[RECEIVER_A] = 'Sen-hong-nở-2026';
  }, 120_000);

  it('refuses a stolen token acting on another office, a non-admin, a forged or replayed change', async () => {
    // Office A's token (and its admin's genuine signature) cannot reach office B's officer.
    const acrossOffices = await signedBy(
      ADMIN_A,
      { kind: 'set_active', officerId: RECEIVER_B, active: false },
      'x1',
    );
    // Office B's token cannot carry office A's admin either.
    const foreignDevice = await signedBy(
      ADMIN_A,
      { kind: 'set_active', officerId: RECEIVER_A, active: false },
      'x2',
    );
    // A receiver (no admin role) signing a deactivation with their own genuine key.
    const notAdmin = await signedBy(
      RECEIVER_A,
      { kind: 'set_active', officerId: ADMIN_A, active: false },
      'x3',
    );
    // Claims to be the admin, signed by the receiver's key.
    const forged = { ...notAdmin, change: { ...notAdmin.change, id: 'x4', actorId: ADMIN_A } };
    const answers = async (token: string, changes: SignedOfficerChange[]) => {
      const res = await send(token, changes);
      expect(res.status).toBe(200);
      return officerChangesResponseSchema
        .parse(res.body)
        .results.map((r) => `${r.id}:${r.status}:${r.reason ?? ''}`);
    };
    expect(await answers(tokenA, [acrossOffices, notAdmin, forged])).toEqual([
      'x1:refused:other_office',
      'x3:refused:not_admin',
      'x4:refused:bad_signature',
    ]);
    expect(await answers(tokenB, [foreignDevice])).toEqual(['x2:refused:other_office']);
    // Nothing changed.
    expect((await server.store.officers.get(RECEIVER_B))!.active).toBe(true);
    expect((await server.store.officers.get(ADMIN_A))!.active).toBe(true);

    // A genuine change applies once; sent again it is a duplicate; edited, its signature fails.
    const genuine = await signedBy(
      ADMIN_A,
      { kind: 'set_active', officerId: APPRAISER_A, active: true },
      'x5',
    );
    expect(await answers(tokenA, [genuine, genuine])).toEqual(['x5:applied:', 'x5:duplicate:']);
    const edited = { ...genuine, change: { ...genuine.change, id: 'x6', active: false } };
    expect(await answers(tokenA, [edited])).toEqual(['x6:refused:bad_signature']);
    // An officer imported with a verifier only has no key the server can check.
    const noKey = await signedBy(ADMIN_A, { kind: 'set_active', officerId: RECEIVER_A, active: true }, 'x7');
    await server.store.catalogue.upsertCatalogue(
      'officers',
      [{ ...(await server.store.officers.get(ADMIN_A))!, signingKey: null, _deleted: false }],
      'seed',
    );
    expect(await answers(tokenA, [noKey])).toEqual(['x7:refused:no_signing_key']);

    // Malformed bodies and province tokens are refused before any check.
    expect((await send(tokenA, [])).status).toBe(400);
    expect((await send(provinceToken, [genuine])).status).toBe(403);
  }, 120_000);

  it('the CLI deactivates and reactivates an officer for every counter at its next sync', async () => {
    expect(await cli('officer-deactivate', '--officer', RECEIVER_A)).toContain('deactivated');
    expect((await pullOfficers(tokenA)).find((o) => o.id === RECEIVER_A)?.active).toBe(false);
    await cli('officer-activate', '--officer', RECEIVER_A);
    expect((await pullOfficers(tokenA)).find((o) => o.id === RECEIVER_A)?.active).toBe(true);
  }, 60_000);
});
