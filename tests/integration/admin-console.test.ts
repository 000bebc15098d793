// The administration console's API against a real server: the first admin made by the CLI, sign-in
// with lockout and TOTP, idle timeout, office scoping, an audit row for every change, and a device
// revoked from the console refused at its next sync with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totp } from '../../server/admin/totp';
import type { AuditEntry } from '../../shared/admin/contract';
import { enrolDevice } from '../../renderer/features/sync/client';
import { adminCall, adminCreateCli, adminSignIn } from '../support/admin-api';
import { hashSecret } from '../../server/devices/enrolment';
import { DEVICE_REPORT_HEADERS } from '../../shared/sync/contract';
import { enrol, OFFICE_A, OFFICE_B, officerId, startSeededServer, type SeededServer } from './harness';

let server: SeededServer;
let root: string;
const ROOT_PASSWORD = 'tinh-quan-tri-2026';

const call = (method: 'GET' | 'POST' | 'PUT', p: string, body?: unknown, token = root) =>
  adminCall(server.url, method, p, { token, body });

async function audit(query = ''): Promise<AuditEntry[]> {
  const res = await adminCall<{ items: AuditEntry[] }>(server.url, 'GET', `/audit${query}`, { token: root });
  expect(res.status).toBe(200);
  return res.body.items;
}

beforeAll(async () => {
  server = await startSeededServer();
  expect(
    await adminCreateCli(server.pgUrl, ['--username', 'root.tinh', '--password-stdin'], ROOT_PASSWORD),
  ).toMatch(/admin root\.tinh created \(every office\)/);
  root = await adminSignIn(server.url, 'root.tinh', ROOT_PASSWORD);
});
afterAll(async () => {
  await server?.close();
});

describe('admin console API: sessions', () => {
  it('requires an admin session: none, a device token or a made-up one are refused', async () => {
    const { token: deviceToken } = await enrol(server, OFFICE_A, 'a1');
    for (const token of [undefined, deviceToken, 'mca_made-up']) {
      const res = await adminCall(server.url, 'GET', '/offices', { token });
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('unauthenticated');
    }
    expect((await call('GET', '/no-such-thing')).status).toBe(404);
  });

  it('validates every body with a reason, never a 500', async () => {
    const bad = await call('POST', '/offices', { id: 'x', agencyCode: 'nope', level: 'commune', name: 'X' });
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toContain('agencyCode');
    const ttl = await call('POST', `/offices/${OFFICE_A}/counters/a1/enrol-code`, {
      ttlMinutes: 7 * 24 * 60 + 1,
    });
    expect(ttl.status).toBe(400);
    expect((await call('POST', `/offices/${OFFICE_A}/counters/nope/enrol-code`, {})).status).toBe(404);
    expect((await call('PUT', '/officers/nope/roles', { roles: ['boss'] })).status).toBe(400);
    expect((await adminCall(server.url, 'POST', '/session', { body: { username: 'x' } })).status).toBe(400);
  });

  it('locks an account after five wrong passwords, even for the right one, and logs it', async () => {
    await server.store.admin.accounts.create(
      { username: 'locky', password: 'locky-password-1', officeId: null },
      'test',
    );
    const tries = [];
    for (let i = 0; i < 5; i++)
      tries.push(
        (await adminCall(server.url, 'POST', '/session', { body: { username: 'locky', password: 'wrong' } }))
          .body.error,
      );
    expect(tries).toEqual([
      'bad_credentials',
      'bad_credentials',
      'bad_credentials',
      'bad_credentials',
      'locked',
    ]);
    const right = await adminCall(server.url, 'POST', '/session', {
      body: { username: 'locky', password: 'locky-password-1' },
    });
    expect(right.status).toBe(423);
    expect(right.body.error).toBe('locked');
    expect((await audit('?action=session.locked')).map((e) => e.actor)).toContain('locky');
  });

  it('asks for the TOTP code once enabled, and takes each code once', async () => {
    await server.store.admin.accounts.create(
      { username: 'totp.user', password: 'totp-password-1', officeId: null },
      'test',
    );
    const token = await adminSignIn(server.url, 'totp.user', 'totp-password-1');
    const setup = await call('POST', '/totp/setup', undefined, token);
    const secret = String(setup.body.secret);
    expect(String(setup.body.uri)).toMatch(/^otpauth:\/\/totp\//);
    const now = Date.now();
    const confirm = await call(
      'POST',
      '/totp/confirm',
      { secret, code: totp(base32Decode(secret), now) },
      token,
    );
    expect(confirm.status).toBe(200);
    const without = await adminCall(server.url, 'POST', '/session', {
      body: { username: 'totp.user', password: 'totp-password-1' },
    });
    expect(without.body.error).toBe('totp_required');
    // The code confirmed is used; the next step's is accepted (one step of drift either side).
    const next = totp(base32Decode(secret), now + 30_000);
    expect(await adminSignIn(server.url, 'totp.user', 'totp-password-1', next)).toMatch(/^mca_/);
  });

  it('ends a session left idle', async () => {
    const token = await adminSignIn(server.url, 'root.tinh', ROOT_PASSWORD);
    expect((await call('GET', '/session', undefined, token)).status).toBe(200);
    // An hour without a request (the default idle limit is 15 minutes).
    await server.db.pool.query(
      `UPDATE admin_sessions SET last_used_at = now() - interval '1 hour' WHERE token_hash = $1`,
      [hashSecret(token)],
    );
    const after = await call('GET', '/session', undefined, token);
    expect(after.status).toBe(401);
    expect(after.body.error).toBe('session_expired');
  });
});

describe('admin console API: changes', () => {
  it('scopes an office admin to their office', async () => {
    const made = await call('POST', '/admins', {
      username: 'admin.a',
      password: 'office-a-password',
      officeId: OFFICE_A,
    });
    expect(made.status).toBe(200);
    const officeAdmin = await adminSignIn(server.url, 'admin.a', 'office-a-password');
    const admins = (await call('GET', '/admins')).body.items as {
      username: string;
      officeId: string | null;
    }[];
    expect(admins).toContainEqual(expect.objectContaining({ username: 'admin.a', officeId: OFFICE_A }));
    expect((await call('GET', '/admins', undefined, officeAdmin)).status).toBe(403);
    const offices = await call('GET', '/offices', undefined, officeAdmin);
    expect((offices.body.items as { id: string }[]).map((o) => o.id)).toEqual([OFFICE_A]);
    expect((await call('GET', `/offices/${OFFICE_B}/counters`, undefined, officeAdmin)).status).toBe(404);
    expect((await call('GET', `/offices/${OFFICE_B}/officers`, undefined, officeAdmin)).status).toBe(404);
    expect(
      (await call('POST', `/officers/${officerId(OFFICE_B, 'receiver')}/password`, {}, officeAdmin)).status,
    ).toBe(404);
    expect(
      (
        await call(
          'POST',
          '/offices',
          { id: 'z', agencyCode: '000.00.09.H56', level: 'commune', name: 'Z' },
          officeAdmin,
        )
      ).status,
    ).toBe(403);
    expect(
      (await call('POST', '/admins', { username: 'x.y.z', password: 'xxxxxxxxxxxx' }, officeAdmin)).status,
    ).toBe(403);
    const counter = await call(
      'POST',
      `/offices/${OFFICE_A}/counters`,
      { id: 'a9', name: 'Quầy 9' },
      officeAdmin,
    );
    expect(counter.status).toBe(200);
    const seen = await call('GET', '/audit', undefined, officeAdmin);
    const entries = seen.body.items as AuditEntry[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.officeId === OFFICE_A)).toBe(true);
  });

  it('records every change with before and after, and a revoked device is refused at its next sync', async () => {
    const office = {
      id: 'office-c',
      agencyCode: '000.00.03.H56',
      level: 'commune',
      name: 'UBND xã C',
      address: 'Xã C',
      sectorIds: ['sector-civil'],
    };
    expect((await call('POST', '/offices', office)).status).toBe(200);
    expect((await call('POST', '/offices', { ...office, id: 'office-d' })).status).toBe(409); // agency code taken
    expect((await call('PUT', '/offices/office-c', { ...office, name: 'UBND xã C mới' })).status).toBe(200);
    expect((await call('POST', '/offices/office-c/counters', { id: 'c1', name: 'Quầy 1' })).status).toBe(200);
    expect((await call('PUT', '/offices/office-c/counters/c1', { name: 'Quầy một' })).status).toBe(200);
    const officer = await call('POST', '/officers', {
      id: 'c-lan',
      officeId: 'office-c',
      username: 'lan',
      fullName: 'Nguyễn Thị Lan',
      roles: ['receiver'],
    });
    expect(officer.status).toBe(200);
    expect(String(officer.body.password)).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect((await call('PUT', '/officers/c-lan/roles', { roles: ['receiver', 'sealer'] })).status).toBe(200);
    expect((await call('POST', '/officers/c-lan/password', {})).status).toBe(200);
    expect((await call('POST', '/officers/c-lan/active', { active: false })).status).toBe(200);
    const code = await call('POST', '/offices/office-c/counters/c1/enrol-code', { ttlMinutes: 60 });
    expect(code.status).toBe(200);
    const device = await enrolDevice(server.url, {
      code: String(code.body.code),
      counterId: 'c1',
      deviceName: 'PC C1',
    });
    // As the counter's sync client reports itself: its version, its clock (two minutes fast), its
    // pending changes.
    const pull = () =>
      fetch(`${server.url}/sync/officers/pull?limit=10`, {
        headers: {
          authorization: `Bearer ${device.token}`,
          [DEVICE_REPORT_HEADERS.appVersion]: '0.1.0',
          [DEVICE_REPORT_HEADERS.sentAt]: String(Date.now() + 120_000),
          [DEVICE_REPORT_HEADERS.pending]: '3',
        },
      });
    expect((await pull()).status).toBe(200);
    type Listed = {
      id: string;
      lastSeenAt: string | null;
      appVersion: string | null;
      clockOffsetMs: number | null;
      pending: number | null;
    };
    const listed = async () =>
      ((await call('GET', '/devices')).body.items as Listed[]).find((d) => d.id === device.deviceId);
    await expect.poll(async () => (await listed())?.pending, { timeout: 10_000 }).toBe(3);
    const shown = await listed();
    expect(shown?.lastSeenAt).not.toBeNull();
    expect(shown?.appVersion).toBe('0.1.0');
    expect(Math.abs((shown?.clockOffsetMs ?? 0) - 120_000)).toBeLessThan(10_000);
    expect((await call('POST', `/devices/${device.deviceId}/revoke`, { reason: 'revoked' })).status).toBe(
      200,
    );
    const refused = await pull();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'revoked' });

    const entries = await audit('?officeId=office-c');
    expect(entries.map((e) => e.action).reverse()).toEqual([
      'office.create',
      'office.update',
      'counter.create',
      'counter.update',
      'officer.create',
      'officer.roles',
      'officer.reset_password',
      'officer.deactivate',
      'enrol_code.issue',
      'device.revoke',
    ]);
    expect(entries.every((e) => e.actor === 'root.tinh')).toBe(true);
    const update = entries.find((e) => e.action === 'office.update');
    expect(update?.before).toMatchObject({ name: 'UBND xã C' });
    expect(update?.after).toMatchObject({ name: 'UBND xã C mới', sectorIds: ['sector-civil'] });
    expect(JSON.stringify(entries)).not.toContain(String(code.body.code));
    expect(JSON.stringify(entries)).not.toContain('hashB64');
    const csv = await call('GET', '/audit.csv?officeId=office-c');
    expect(csv.status).toBe(200);
    expect(String(csv.body).split('\r\n').filter(Boolean)).toHaveLength(entries.length + 1);
  });
});
