import { describe, expect, it } from 'vitest';
import type { Officer } from '../../shared/domain';
import { createQuickSwitch, pinProblem } from './quick-switch';

const officer = (id: string, extra: Partial<Officer> = {}): Officer =>
  ({
    id,
    officeId: 'o1',
    username: id,
    fullName: `Cán bộ ${id}`,
    roles: ['receiver', 'appraiser'],
    active: true,
    updatedAt: '2026-12-07T01:00:00.000Z',
    verifier: {
      algorithm: 'argon2id',
      saltB64: 'c2FsdA==',
      hashB64: 'aGFzaA==',
      memoryKiB: 8,
      iterations: 1,
      parallelism: 1,
    },
    ...extra,
  }) as Officer;

function clock(start = new Date(2026, 11, 7, 8, 0).getTime()) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('pinProblem', () => {
  it.each([
    ['123', 'pin.format'],
    ['123456789', 'pin.format'],
    ['12a4', 'pin.format'],
    ['1111', 'pin.trivial'],
    ['1234', 'pin.trivial'],
    ['9876', 'pin.trivial'],
    ['2580', null],
    ['130795', null],
  ])('%s → %s', (pin, problem) => expect(pinProblem(pin)).toBe(problem));
});

describe('quick switch', () => {
  it('brings back an officer with their PIN in the role they last acted in', async () => {
    const c = clock();
    const qs = createQuickSwitch({ now: c.now, iterations: 1000 });
    await qs.enrol(officer('lan'), 'receiver', '2580');
    qs.touch('lan', 'appraiser');
    expect(qs.available().map((a) => a.officer.id)).toEqual(['lan']);
    const result = await qs.unlock('lan', '2580');
    expect(result).toMatchObject({ ok: true, role: 'appraiser' });
  });

  it('refuses a trivial PIN', async () => {
    const qs = createQuickSwitch({ iterations: 1000 });
    await expect(qs.enrol(officer('lan'), 'receiver', '0000')).rejects.toThrow('pin.trivial');
    expect(qs.available()).toEqual([]);
  });

  it('forgets the PIN after three wrong ones in a row', async () => {
    const qs = createQuickSwitch({ iterations: 1000 });
    await qs.enrol(officer('lan'), 'receiver', '2580');
    expect(await qs.unlock('lan', '1357')).toEqual({ ok: false, reason: 'pin.wrong', attemptsLeft: 2 });
    expect(await qs.unlock('lan', '1357')).toEqual({ ok: false, reason: 'pin.wrong', attemptsLeft: 1 });
    expect(await qs.unlock('lan', '1357')).toEqual({ ok: false, reason: 'pin.too_many' });
    expect(await qs.unlock('lan', '2580')).toEqual({ ok: false, reason: 'pin.expired' });
    expect(qs.has('lan')).toBe(false);
  });

  it('a right PIN starts the count again', async () => {
    const qs = createQuickSwitch({ iterations: 1000 });
    await qs.enrol(officer('lan'), 'receiver', '2580');
    await qs.unlock('lan', '1357');
    await qs.unlock('lan', '1357');
    expect((await qs.unlock('lan', '2580')).ok).toBe(true);
    expect(await qs.unlock('lan', '1357')).toMatchObject({ attemptsLeft: 2 });
  });

  it('ends with the day and after hours without use', async () => {
    const c = clock(new Date(2026, 11, 7, 16, 0).getTime());
    const qs = createQuickSwitch({ now: c.now, iterations: 1000, idleMs: 4 * 3600_000 });
    await qs.enrol(officer('lan'), 'receiver', '2580');
    await qs.enrol(officer('hoa'), 'receiver', '4826');
    c.advance(3 * 3600_000); // 19:00 the same day
    expect((await qs.unlock('hoa', '4826')).ok).toBe(true);
    c.advance(3600_000 + 1); // lan unused for over 4 hours
    expect(await qs.unlock('lan', '2580')).toEqual({ ok: false, reason: 'pin.expired' });
    c.advance(4 * 3600_000); // past midnight
    expect(qs.available()).toEqual([]);
  });

  it('drops the PIN when the officer is deactivated, reset or loses the role', async () => {
    const qs = createQuickSwitch({ iterations: 1000 });
    for (const id of ['a', 'b', 'c', 'd']) await qs.enrol(officer(id), 'appraiser', '2580');
    qs.refresh(officer('a', { active: false }));
    qs.refresh(officer('b', { mustChangePassword: true }));
    qs.refresh(officer('c', { roles: ['receiver'] }));
    qs.refresh(officer('d', { fullName: 'Tên mới' }));
    expect(qs.available().map((a) => a.officer.fullName)).toEqual(['Tên mới']);
  });
});
