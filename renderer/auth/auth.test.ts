import { describe, expect, it } from 'vitest';
import {
  createSessionStore,
  createVerifier,
  login,
  verifyPassword,
  FAST_KDF_PARAMS,
  constantTimeEqual,
} from '.';
import type { Office, Officer } from '../../shared/domain';

const office: Office = {
  id: 'office-vt',
  agencyCode: '000.17.22.H56',
  level: 'district',
  name: 'Bộ phận Tiếp nhận và Trả kết quả huyện Vũ Thư',
  parentName: 'UBND TỈNH THÁI BÌNH',
  address: 'Thị trấn Vũ Thư',
  phone: '0227 3826 000',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

async function officer(username: string, password: string, active = true): Promise<Officer> {
  return {
    id: `o-${username}`,
    officeId: office.id,
    username,
    fullName: 'Phạm Thị Lan',
    title: 'Chuyên viên',
    roles: ['receiver', 'appraiser'],
    active,
    verifier: await createVerifier(password, FAST_KDF_PARAMS),
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('verifiers', () => {
  it('accept the right password only, with a fresh salt each time', async () => {
    const a = await createVerifier('demo1234', FAST_KDF_PARAMS);
    const b = await createVerifier('demo1234', FAST_KDF_PARAMS);
    expect(a.algorithm).toBe('argon2id');
    expect(a.saltB64).not.toBe(b.saltB64);
    expect(a.hashB64).not.toBe(b.hashB64);
    expect(await verifyPassword(a, 'demo1234')).toBe(true);
    expect(await verifyPassword(b, 'demo1234')).toBe(true);
    for (const wrong of ['demo1235', 'Demo1234', '', 'demo1234 ']) {
      expect(await verifyPassword(a, wrong), wrong).toBe(false);
    }
    expect(await verifyPassword({ ...a, hashB64: 'bad' }, 'demo1234')).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });

  it('default parameters are the slow ones (64 MiB, 3 passes)', async () => {
    const { DEFAULT_KDF_PARAMS } = await import('.');
    expect(DEFAULT_KDF_PARAMS).toEqual({ memoryKiB: 65536, iterations: 3, parallelism: 1 });
  });
});

describe('login', () => {
  it('answers the same for an unknown user and a wrong password; refuses inactive officers', async () => {
    const officers = [await officer('tiepnhan', 'demo1234'), await officer('nghiviec', 'demo1234', false)];
    const directory = {
      findOfficerByUsername: async (u: string) => officers.find((o) => o.username === u) ?? null,
    };
    expect(await login(directory, ' TiepNhan ', 'demo1234')).toMatchObject({ ok: true });
    expect(await login(directory, 'tiepnhan', 'wrong-pass')).toEqual({
      ok: false,
      reason: 'auth.invalid_credentials',
    });
    const unknown = login(directory, 'nobody', 'demo1234');
    expect(await unknown).toEqual({ ok: false, reason: 'auth.invalid_credentials' });
    expect(await login(directory, 'nghiviec', 'demo1234')).toEqual({ ok: false, reason: 'auth.inactive' });
  }, 20_000);
});

describe('session', () => {
  it('locks after inactivity, attributes actions to the officer and role, unlocks with the password', async () => {
    let t = 0;
    const timers: { fn: () => void; at: number }[] = [];
    const session = createSessionStore({
      lockAfterMs: 10 * 60_000,
      now: () => t,
      setTimer: (fn, ms) => {
        const timer = { fn, at: t + ms };
        timers.push(timer);
        return timer;
      },
      clearTimer: (h) => timers.splice(timers.indexOf(h as (typeof timers)[number]), 1),
    });
    const advance = (ms: number) => {
      t += ms;
      for (const timer of timers.filter((x) => x.at <= t)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.fn();
      }
    };
    const seen: string[] = [];
    session.subscribe((s) => seen.push(s.status));
    const lan = await officer('tiepnhan', 'demo1234');

    expect(() => session.actor()).toThrow('auth.signed_out');
    expect(() => session.start(lan, 'approver', office, 'counter-1')).toThrow('auth.role_not_held');
    session.start(lan, 'receiver', office, 'counter-1');
    expect(session.actor()).toEqual({
      officerId: 'o-tiepnhan',
      name: 'Phạm Thị Lan',
      roles: ['receiver', 'appraiser'],
      actingRole: 'receiver',
      counterId: 'counter-1',
      officeId: 'office-vt',
    });
    session.setRole('appraiser');
    expect(session.actor().actingRole).toBe('appraiser');

    advance(9 * 60_000);
    session.touch(); // activity postpones the lock
    advance(9 * 60_000);
    expect(session.get().status).toBe('active');
    advance(60_001);
    expect(session.get().status).toBe('locked');
    expect(() => session.actor()).toThrow('auth.locked');

    expect(await session.unlock('wrong-pass')).toBe(false);
    expect(session.get().status).toBe('locked');
    expect(await session.unlock('demo1234')).toBe(true);
    expect(session.actor().actingRole).toBe('appraiser');
    session.signOut();
    expect(seen).toEqual(['active', 'active', 'locked', 'active', 'signed_out']);
  });
});

describe('session and changes to its officer', () => {
  it('carries a new password, ends when the officer is deactivated or reset by an admin', async () => {
    const session = createSessionStore();
    const lan = await officer('tiepnhan', 'demo1234');
    const later = (o: Officer, patch: Partial<Officer>, at: string): Officer => ({
      ...o,
      ...patch,
      updatedAt: at,
    });
    session.start(lan, 'receiver', office, 'counter-1');
    // Her own new password: the session goes on and unlocks with it.
    const renewed = later(
      lan,
      { verifier: await createVerifier('mat-khau-moi-2026', FAST_KDF_PARAMS) },
      '2026-02-01T00:00:00.000Z',
    );
    session.refreshOfficer(renewed);
    session.lock();
    expect(await session.unlock('demo1234')).toBe(false);
    expect(await session.unlock('mat-khau-moi-2026')).toBe(true);
    // Someone else's record changes nothing.
    session.refreshOfficer({ ...renewed, id: 'o-other', active: false });
    expect(session.get().status).toBe('active');
    // Deactivated (here or by a sync): signed out at once.
    session.refreshOfficer(later(renewed, { active: false }, '2026-02-02T00:00:00.000Z'));
    expect(session.get().status).toBe('signed_out');
    // Reset to a one-time password by an admin: signed out too.
    session.start(renewed, 'receiver', office, 'counter-1');
    const reset = later(
      renewed,
      { verifier: await createVerifier('ab3k-9xqe-7mnr', FAST_KDF_PARAMS), mustChangePassword: true },
      '2026-02-03T00:00:00.000Z',
    );
    session.refreshOfficer(reset);
    expect(session.get().status).toBe('signed_out');
  }, 20_000);
});
