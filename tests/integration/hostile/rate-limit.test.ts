import { describe, expect, it } from 'vitest';
import { OFFICE_A } from '../harness';
import { expectRequestRefused, useHostileServer, type RawRequest } from '../../support/hostile';

/**
 * Enrolment codes tried in a loop: refused attempts are limited per address and per office (this
 * file's server allows 5 a minute), so guessing a code stops after a handful of tries. Over the limit
 * the answer is 429 with the wait, and even a valid code is not used up.
 */
const LIMIT = 5;
const server = useHostileServer(LIMIT);

const wrongCode = (counterId: string): RawRequest => ({
  path: '/enrol',
  token: null,
  body: { code: 'WXYZ-WXYZ-WXYZ', counterId, deviceName: 'guess' },
});

describe('enrolment is rate-limited', () => {
  it.each(Array.from({ length: LIMIT }, (_, i) => [i + 1]))('wrong code %i of the limit: 403', async () => {
    const s = server();
    const before = await s.snapshot();
    expectRequestRefused(await s.send(wrongCode('a1')), 403, /unknown, used or expired/);
    expect(await s.snapshot()).toBe(before);
  });

  it.each([
    ['a wrong code from the same address', () => wrongCode('a1')],
    ['a wrong code for another counter from the same address', () => wrongCode('a2')],
  ])('then %s: 429 with the wait', async (_what, req) => {
    const s = server();
    const before = await s.snapshot();
    const res = await fetch(`${s.url}/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(req().body),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { message: string }).message).toMatch(/too many attempts/);
    expect(await s.snapshot()).toBe(before);
  });

  it('then a valid code is refused too, and stays unused', async () => {
    const s = server();
    const { code } = await s.stores.devices.issueEnrolCode(OFFICE_A, 'counter', 60);
    const before = await s.snapshot();
    expectRequestRefused(
      await s.send({ path: '/enrol', token: null, body: { code, counterId: 'a1', deviceName: 'late' } }),
      429,
      /too many attempts/,
    );
    expect(await s.snapshot()).toBe(before);
  });

  it('the province route issuing codes is limited per office as well', async () => {
    const s = server();
    const before = await s.snapshot();
    const ask = () =>
      s.send({
        path: '/admin/enrol-codes',
        token: s.tokens.province,
        body: { officeId: OFFICE_A, counterId: 'zz' },
      });
    // The same address has used its refused attempts: refused at once.
    expectRequestRefused(await ask(), 429, /too many attempts/);
    expect(await s.snapshot()).toBe(before);
  });
});
