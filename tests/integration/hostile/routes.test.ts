import { execFile } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_A, OFFICE_B } from '../harness';
import { PATH_TO } from '../../support/workflow-fixtures';
import {
  expectRequestRefused,
  record,
  row,
  stored,
  useHostileServer,
  type RawRequest,
} from '../../support/hostile';

/**
 * Every route against bad input: missing or forged credentials, another office's data, routes of
 * the province, conflict ids out of range, traversal out of the update feed, enrolment codes for
 * what does not exist. Each answers a 4xx with a reason and nothing stored changes.
 */
const server = useHostileServer();
let revokedToken = '';

beforeAll(async () => {
  const s = server();
  await stored(s, s.tokens.b1, record('route-b', PATH_TO.received, { office: OFFICE_B }));
  await stored(s, s.tokens.a1, record('route-a', PATH_TO.received));
  const { code } = await s.stores.devices.issueEnrolCode(OFFICE_A, 'counter', 60);
  const enrolled = await s.send({ path: '/enrol', body: { code, counterId: 'a2', deviceName: 'to revoke' } });
  revokedToken = enrolled.json.token;
  await s.stores.devices.revokeDevice(enrolled.json.deviceId);
  writeFileSync(join(s.updatesDir, 'latest.yml'), 'version: 1.0.0\n');
  const outside = mkdtempSync(join(tmpdir(), 'motcua-outside-'));
  writeFileSync(join(outside, 'secret.yml'), 'password: hunter2\n');
  symlinkSync('/etc/passwd', join(s.updatesDir, 'passwd.yml'));
  symlinkSync(join(outside, 'secret.yml'), join(s.updatesDir, 'secret.yml'));
  symlinkSync(outside, join(s.updatesDir, 'outside'));
  symlinkSync(join(s.updatesDir, 'latest.yml'), join(s.updatesDir, 'alias.yml'));
});

/** Sends `req` (a1's token unless it names one) and checks the refusal and that nothing changed. */
async function refused(req: RawRequest, status: number, message: string | RegExp) {
  const s = server();
  const before = await s.snapshot();
  const answer = await s.send({ token: s.tokens.a1, ...req });
  expectRequestRefused(answer, status, message);
  expect(await s.snapshot()).toBe(before);
}

const PROTECTED: RawRequest[] = [
  { path: '/sync/dossiers/pull' },
  { path: '/sync/dossiers/push', body: { rows: [] } },
  { path: '/sync/time' },
  { path: '/conflicts' },
  { path: '/admin/devices' },
  { path: '/updates/latest.yml' },
  { path: '/codes/slot', body: { officeId: OFFICE_A } },
];

describe('every route but enrolment needs a valid device credential', () => {
  const credentials: [string, Record<string, string>, RegExp][] = [
    ['none', {}, /missing device credential/],
    ['a Basic credential', { authorization: 'Basic YTpi' }, /missing device credential/],
    ['an empty bearer', { authorization: 'Bearer ' }, /missing device credential/],
    ['a made-up token', { authorization: 'Bearer mc1_madeup' }, /unknown device credential/],
    ['a SQL-like token', { authorization: "Bearer ' OR '1'='1" }, /missing device credential|unknown/],
    ['a 10 KB token', { authorization: `Bearer ${'x'.repeat(10_000)}` }, /unknown device credential/],
  ];
  const cases = credentials.flatMap(([what, headers, message]) =>
    PROTECTED.map((req): [string, string, RawRequest, RegExp] => [
      what,
      req.path,
      { ...req, headers },
      message,
    ]),
  );
  it.each(cases)('%s on %s', async (_what, _path, req, message) => {
    await refused({ ...req, token: null }, 401, message);
  });
  it.each(PROTECTED.map((req) => [req.path, req]))('a revoked device on %s', async (_path, req) => {
    await refused({ ...req, token: revokedToken }, 401, /revoked/);
  });
});

describe("a counter reaches neither the province's routes nor another office", () => {
  it.each([
    ['list devices', { path: '/admin/devices' }],
    ['issue an enrolment code', { path: '/admin/enrol-codes', body: { officeId: OFFICE_A } }],
    ['revoke a device', { path: '/admin/devices/x/revoke', body: {} }],
    [
      'promote itself in the roster',
      { method: 'PUT', path: '/admin/catalogue/officers', body: { documents: [] } },
    ],
  ] as [string, RawRequest][])('%s', async (_what, req) => {
    await refused(req, 403, /province role required/);
  });

  it.each(['officers', 'offices', 'counters', 'procedures', 'sectors', 'holidays'])(
    'push to the catalogue %s',
    async (collection) => {
      const s = server();
      const before = await s.snapshot();
      const doc = { id: 'office-a-receiver', officeId: OFFICE_A, roles: ['supervisor'], active: true };
      const answer = await s.push(s.tokens.a1, collection, [row(doc)]);
      expect(answer.status).toBe(200);
      expect(answer.json.rejected[0]).toMatchObject({ status: 403, reason: 'read_only_collection' });
      expect(await s.snapshot()).toBe(before);
    },
  );

  it('a pull never carries another office', async () => {
    const s = server();
    const answer = await s.send({ token: s.tokens.a1, path: '/sync/dossiers/pull?limit=1000' });
    expect(answer.status).toBe(200);
    const offices = new Set(answer.json.documents.map((d: { officeId: string }) => d.officeId));
    expect([...offices]).toEqual([OFFICE_A]);
  });

  it.each([
    ['a lease', '/codes/lease', { officeId: OFFICE_B, counterId: 'b1', date: '2026-03-02', size: 10 }],
    ['a slot', '/codes/slot', { officeId: OFFICE_B, counterId: 'b1' }],
  ])('numbering: %s for another office', async (_what, path, body) => {
    await refused({ path, body }, 403, /another office/);
  });
});

describe('ids and queries out of range are refused, not crashed on', () => {
  it.each([
    '0',
    '-1',
    '2147483648',
    '99999999999999999999',
    '1e3',
    'abc',
    '1;DROP TABLE conflicts',
    '1.5',
    '%00',
  ])('conflict id %s', async (id) => {
    await refused({ path: `/conflicts/${id}/resolve`, body: {} }, 400, /conflict id/);
  });
  it('the largest conflict id that names none', async () => {
    await refused({ path: '/conflicts/2147483647/resolve', body: {} }, 404, /no such open conflict/);
  });
  it.each(['documents', 'foo', "dossiers';--", '..%2f..%2fetc'])('collection %s', async (name) => {
    await refused({ path: `/sync/${name}/pull` }, 404, /unknown collection/);
  });
  it.each(['seq=-1', 'seq=abc', 'limit=0', 'limit=100000', `id=${'x'.repeat(65)}`, 'seq=1;DROP'])(
    'pull query %s',
    async (query) => {
      await refused({ path: `/sync/dossiers/pull?${query}` }, 400, /seq|limit|id|number/i);
    },
  );
  it.each(['short', 'has spaces in it!!!!', 'x'.repeat(65)])('replica header %s', async (replica) => {
    await refused(
      { path: '/sync/dossiers/pull', headers: { 'x-motcua-replica': replica } },
      400,
      /x-motcua-replica/,
    );
  });
});

describe('the update feed serves only files inside its folder', () => {
  it.each([
    ['a link to a system file', 'passwd.yml'],
    ['a link to a file of another folder', 'secret.yml'],
    ['a file through a linked folder', 'outside%2Fsecret.yml'],
    ['a parent path', '..%2F..%2Fetc%2Fpasswd'],
    ['a dotted parent path', '%2e%2e%2flatest.yml'],
    ['a hidden file', '.latest.yml'],
    ['a NUL in the name', 'latest.yml%00.exe'],
  ])('%s', async (_what, name) => {
    const answer = await server().send({ token: server().tokens.a1, path: `/updates/${name}` });
    expectRequestRefused(answer, 404, /no such update file|not found/i);
    expect(JSON.stringify(answer.json)).not.toMatch(/root:|hunter2/);
  });
  it('a link inside the folder to a file of the folder is served', async () => {
    const answer = await server().send({ token: server().tokens.a1, path: '/updates/alias.yml' });
    expect(answer.status).toBe(200);
    expect(answer.json).toContain('version: 1.0.0');
  });
});

describe('enrolment codes exist only for what exists, and expire within the cap', () => {
  const asProvince = (body: unknown): RawRequest => ({
    path: '/admin/enrol-codes',
    token: server().tokens.province,
    body,
  });
  it.each([
    ['an office that does not exist', { officeId: 'office-zz' }, 404, /no office office-zz/],
    ['a counter that does not exist', { officeId: OFFICE_A, counterId: 'zz' }, 404, /no counter zz/],
    ['a counter of another office', { officeId: OFFICE_A, counterId: 'b1' }, 404, /no counter b1/],
    ['no minutes', { officeId: OFFICE_A, ttlMinutes: 0 }, 400, /ttlMinutes/],
    ['more than 7 days', { officeId: OFFICE_A, ttlMinutes: 7 * 24 * 60 + 1 }, 400, /ttlMinutes/],
    ['centuries', { officeId: OFFICE_A, ttlMinutes: 1e9 }, 400, /ttlMinutes/],
    ['a role that does not exist', { officeId: OFFICE_A, role: 'god' }, 400, /role/],
    ['an unknown field', { officeId: OFFICE_A, expiresAt: '2999-01-01' }, 400, /Unrecognized key/],
  ] as const)('asked for %s', async (_what, body, status, message) => {
    await refused(asProvince(body), status, message);
  });

  it.each([
    [
      'an unknown code',
      () => ({ code: 'AAAA-BBBB-CCCC', counterId: 'a1', deviceName: 'x' }),
      403,
      /unknown, used or expired/,
    ],
    [
      'an unknown field',
      () => ({ code: 'AAAA-BBBB-CCCC', counterId: 'a1', deviceName: 'x', role: 'province' }),
      400,
      /Unrecognized key/,
    ],
    [
      'a SQL-like code',
      () => ({ code: "' OR 1=1 --xx", counterId: 'a1', deviceName: 'x' }),
      403,
      /unknown, used or expired/,
    ],
  ] as const)('enrolment with %s', async (_what, body, status, message) => {
    await refused({ path: '/enrol', token: null, body: body() }, status, message);
  });

  it('a province code cannot enrol a counter that does not exist (the code stays unused)', async () => {
    const s = server();
    const { code } = await s.stores.devices.issueEnrolCode(OFFICE_A, 'province', 60);
    await refused(
      { path: '/enrol', token: null, body: { code, counterId: 'ghost', deviceName: 'x' } },
      404,
      /counter not found/,
    );
  });

  it('the CLI refuses a code valid longer than the cap', async () => {
    const s = server();
    const before = await s.snapshot();
    const run = promisify(execFile)(
      'npx',
      ['tsx', 'server/cli.ts', 'enrol-code', '--office', OFFICE_A, '--ttl', '5256000'],
      {
        env: { ...process.env, DATABASE_URL: s.pgUrl },
      },
    );
    await expect(run).rejects.toMatchObject({
      stderr: expect.stringMatching(/--ttl must be whole minutes from 1 to 10080/),
    });
    expect(await s.snapshot()).toBe(before);
  });
});
