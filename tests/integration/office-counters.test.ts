// The office admin's counters and PCs from a counter app (issue 24): the counter page's service
// (renderer/features/counters) against the real server, and what the server refuses whatever a
// counter sends: a stolen token without the admin's signature, another office's admin, a replay.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCounterChange, type CounterChange, type SignedCounterChange } from '../../shared/officers';
import i18next from 'i18next';
import { registerCountersI18n } from '../../renderer/features/counters/i18n';
import { createCountersService } from '../../renderer/features/counters/remote-service';
import type { CountersService, CountersSigner } from '../../renderer/features/counters/service';
import { enrolDevice } from '../../renderer/features/sync/http';
import { enrol, OFFICE_A, OFFICE_B, officerId, startSeededServer, type SeededServer } from './harness';

let server: SeededServer;
const ADMIN_A = `${OFFICE_A}-admin`;
const ADMIN_B = `${OFFICE_B}-admin`;
const passwords: Record<string, string> = {};
let tokenA: string;
let deviceA: string;
let tokenB: string;

/** The counter page's service as counter `token` runs it, on a PC whose clock is `clockOffMs` off. */
const serviceOn = (token: string, clockOffMs = 0): CountersService =>
  createCountersService({
    officer: (id) => server.store.officers.get(id),
    credential: async () => ({ serverUrl: server.url, token }),
    now: () => new Date(Date.now() + clockOffMs),
  });

async function post(token: string, body: unknown) {
  const res = await fetch(`${server.url}/office/counters`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

let n = 0;
const change = (actorId: string, ask: object): CounterChange =>
  ({ id: `req-${++n}-${Date.now()}`, actorId, at: new Date().toISOString(), ...ask }) as CounterChange;

/** Each actor's signing seed, derived once (argon2id is slow on a shared machine). */
const seeds = new Map<string, Uint8Array>();
async function seedOf(actorId: string): Promise<Uint8Array> {
  if (!seeds.has(actorId))
    seeds.set(actorId, (await serviceOn(tokenA).unlock(actorId, passwords[actorId]!)).seed);
  return seeds.get(actorId)!;
}

async function signedBy(actorId: string, ask: object): Promise<SignedCounterChange> {
  return signCounterChange(change(actorId, ask), await seedOf(actorId));
}

async function auditCount(action: string): Promise<number> {
  const { rows } = await server.store.pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM audit_log WHERE action = $1',
    [action],
  );
  return Number(rows[0]!.n);
}

beforeAll(async () => {
  // Each office gets its admin on the province's roster, without a password yet.
  server = await startSeededServer({ officeAdmins: true });
  for (const id of [ADMIN_A, ADMIN_B, officerId(OFFICE_A, 'receiver')])
    passwords[id] = await server.store.officers.resetPassword(id, 'province:test', false);
  ({ token: tokenA, deviceId: deviceA } = await enrol(server, OFFICE_A, 'a1'));
  ({ token: tokenB } = await enrol(server, OFFICE_B, 'b1'));
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe('office counters from a counter app', () => {
  let signer: CountersSigner;

  it("lists the office's counters and PCs, only its own office's", async () => {
    const service = serviceOn(tokenA);
    await expect(service.unlock(ADMIN_A, 'not-the-password')).rejects.toThrow(
      'counters.error.wrong_password',
    );
    signer = await service.unlock(ADMIN_A, passwords[ADMIN_A]!);
    const listed = await service.list(signer);
    expect(listed.counters.map((c) => c.id).sort()).toEqual(['a1', 'a2', 'p1']);
    expect(listed.devices.map((d) => d.id)).toEqual([deviceA]);
    expect(listed.devices.every((d) => d.officeId === OFFICE_A)).toBe(true);
  }, 180_000);

  it('issues a code that enrols a PC as the counter, then revokes that PC; each change audited', async () => {
    const service = serviceOn(tokenA);
    const issuesBefore = await auditCount('enrol_code.issue');
    const issued = await service.issueCode(signer, 'a2', 60);
    expect(Date.parse(issued.expiresAt) - Date.now()).toBeGreaterThan(55 * 60_000);
    const pc = await enrolDevice(server.url, {
      code: issued.code,
      counterId: 'other',
      deviceName: 'Máy quầy 2',
    });
    const listed = await service.list(signer);
    expect(listed.devices.find((d) => d.id === pc.deviceId)).toMatchObject({
      counterId: 'a2',
      revokedAt: null,
    });

    await service.revoke(signer, pc.deviceId, 'revoked');
    const pull = await fetch(`${server.url}/sync/dossiers/pull`, {
      headers: { authorization: `Bearer ${pc.token}` },
    });
    expect(pull.status).toBe(401);
    expect(await pull.json()).toMatchObject({ error: 'revoked' });

    expect(await auditCount('enrol_code.issue')).toBe(issuesBefore + 1);
    const { rows } = await server.store.pool.query<{ actor: string; office_id: string; target_id: string }>(
      `SELECT actor, office_id, target_id FROM audit_log WHERE action = 'device.revoke' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toEqual({
      actor: `officer:${OFFICE_A}.admin`,
      office_id: OFFICE_A,
      target_id: pc.deviceId,
    });
    // The log keeps the code's expiry, never the code.
    const codeRows = await server.store.pool.query<{ after: unknown }>(
      `SELECT after FROM audit_log WHERE action = 'enrol_code.issue' ORDER BY id DESC LIMIT 1`,
    );
    expect(JSON.stringify(codeRows.rows[0]!.after)).not.toContain(issued.code);
  }, 180_000);

  it('refuses a stolen counter token without a valid admin signature, and changes nothing', async () => {
    const issuesBefore = await auditCount('enrol_code.issue');
    const ask = { kind: 'issue_code', counterId: 'a2', ttlMinutes: 60 };
    // Signed by a key that is not the admin's (the thief has the token, not the password).
    const forged = signCounterChange(change(ADMIN_A, ask), randomBytes(32));
    expect(await post(tokenA, forged)).toMatchObject({ status: 403, json: { reason: 'bad_signature' } });
    // No signature at all, or the signature of another request.
    expect((await post(tokenA, { change: change(ADMIN_A, ask) })).status).toBe(400);
    const other = await signedBy(ADMIN_A, { kind: 'list' });
    const swapped = { change: change(ADMIN_A, ask), signature: other.signature };
    expect(await post(tokenA, swapped)).toMatchObject({ status: 403, json: { reason: 'bad_signature' } });
    // A real officer of the office who is not its admin.
    const receiver = officerId(OFFICE_A, 'receiver');
    expect(await post(tokenA, await signedBy(receiver, ask))).toMatchObject({
      status: 403,
      json: { reason: 'not_admin' },
    });
    // Without a counter token at all.
    expect((await post('not-a-token', await signedBy(ADMIN_A, ask))).status).toBe(401);
    // Signed long ago (a captured request kept for later).
    const old = { ...change(ADMIN_A, ask), at: new Date(Date.now() - 3600_000).toISOString() };
    const oldSigned = signCounterChange(old, await seedOf(ADMIN_A));
    expect(await post(tokenA, oldSigned)).toMatchObject({ status: 403, json: { reason: 'stale' } });
    // Longer than seven days.
    const within = await signedBy(ADMIN_A, ask);
    const long = { ...within, change: { ...within.change, ttlMinutes: 7 * 24 * 60 + 1 } };
    expect((await post(tokenA, long)).status).toBe(400);
    expect(await auditCount('enrol_code.issue')).toBe(issuesBefore);
  }, 180_000);

  it("an admin of office B cannot touch office A's counters or PCs", async () => {
    const issuesBefore = await auditCount('enrol_code.issue');
    // From B's counter: A's counter and PC are unknown there.
    const asB = await signedBy(ADMIN_B, { kind: 'issue_code', counterId: 'a2', ttlMinutes: 60 });
    expect(await post(tokenB, asB)).toMatchObject({ status: 404, json: { reason: 'unknown_counter' } });
    const revokeA = await signedBy(ADMIN_B, { kind: 'revoke_device', deviceId: deviceA, reason: 'revoked' });
    expect(await post(tokenB, revokeA)).toMatchObject({ status: 404, json: { reason: 'unknown_device' } });
    // B's admin signing on A's counter.
    const onA = await signedBy(ADMIN_B, { kind: 'list' });
    expect(await post(tokenA, onA)).toMatchObject({ status: 403, json: { reason: 'other_office' } });
    // B's listing holds none of A.
    const listedB = await serviceOn(tokenB).list(
      await serviceOn(tokenB).unlock(ADMIN_B, passwords[ADMIN_B]!),
    );
    expect(listedB.counters.map((c) => c.id)).toEqual(['b1']);
    expect(listedB.devices.every((d) => d.officeId === OFFICE_B)).toBe(true);
    const devices = await server.store.devices.listDevices(OFFICE_A);
    expect(devices.find((d) => d.id === deviceA)?.revoked).toBe(false);
    expect(await auditCount('enrol_code.issue')).toBe(issuesBefore);
  }, 180_000);

  it('refuses a PC whose clock is more than 10 min off, asking in Vietnamese to set the clock', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'vi', resources: {}, interpolation: { escapeValue: false } });
    registerCountersI18n(i18n);
    const issuesBefore = await auditCount('enrol_code.issue');
    const admin = await serviceOn(tokenA).unlock(ADMIN_A, passwords[ADMIN_A]!);
    for (const minutes of [11, -11]) {
      const refused = await serviceOn(tokenA, minutes * 60_000)
        .issueCode(admin, 'a2', 60)
        .catch((error: unknown) => error);
      // What the "Quầy và máy" page shows: the refusal's key, translated.
      expect(refused).toBeInstanceOf(Error);
      expect(i18n.t((refused as Error).message)).toBe(
        'Đồng hồ của máy này lệch quá 10 phút so với máy chủ tỉnh. Hãy chỉnh lại ngày giờ của máy cho đúng rồi thử lại.',
      );
    }
    expect(await auditCount('enrol_code.issue')).toBe(issuesBefore);
    // Within the window the same request goes through.
    expect((await serviceOn(tokenA, 8 * 60_000).issueCode(admin, 'a2', 60)).code).toBeTruthy();
    expect(await auditCount('enrol_code.issue')).toBe(issuesBefore + 1);
  }, 180_000);

  it('refuses a replayed request', async () => {
    const issuesBefore = await auditCount('enrol_code.issue');
    const signed = await signedBy(ADMIN_A, { kind: 'issue_code', counterId: 'a2', ttlMinutes: 60 });
    expect((await post(tokenA, signed)).status).toBe(200);
    expect(await post(tokenA, signed)).toMatchObject({ status: 409, json: { reason: 'duplicate' } });
    expect(await auditCount('enrol_code.issue')).toBe(issuesBefore + 1);
    const list = await signedBy(ADMIN_A, { kind: 'list' });
    expect((await post(tokenA, list)).status).toBe(200);
    expect(await post(tokenA, list)).toMatchObject({ status: 409, json: { reason: 'duplicate' } });
  }, 180_000);
});
