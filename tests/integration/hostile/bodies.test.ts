import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { PATH_TO } from '../../support/workflow-fixtures';
import {
  expectRequestRefused,
  expectPushRefused,
  gzipBomb,
  nested,
  withDeepField,
  record,
  row,
  stored,
  useHostileServer,
  type RawRequest,
  type Recorded,
  type Refusal,
} from '../../support/hostile';

/**
 * Malformed and hostile bodies: unknown fields, deep nesting, oversized documents and bodies, gzip
 * bombs, broken JSON and NDJSON, prototype pollution, SQL-like ids. Every one is answered with a 4xx
 * and a reason (never 500) and nothing stored changes.
 */
const server = useHostileServer();
// Recorded here (pure): the case tables are built from them before the server starts.
const received: Recorded = record('body-received', PATH_TO.received);
const appraisal: Recorded = record('body-received', [['appraise', 'appraiser']], {}, received.dossier);

beforeAll(async () => {
  const s = server();
  await stored(s, s.tokens.a1, received);
});

const blob = 'x'.repeat(60 * 1024);

describe('unknown fields are refused with their name, never stored', () => {
  const extras: [string, Record<string, unknown>][] = [
    ['isAdmin', { isAdmin: true }],
    ['a 60 KB blob', { attachment: blob.slice(0, 50 * 1024) }],
    ['a deep object', { extra: nested(12) }],
    ['a look-alike of a local field', { _meta2: { lwt: 1 } }],
    ['a field named like a column', { office_id: 'office-b' }],
    ['a signature outside the hash', { signature: 'a'.repeat(64) }],
  ];
  it.each(extras)('event with %s', async (_what, extra) => {
    await expectPushRefused(server(), 'dossier_events', [row({ ...appraisal.events[0]!, ...extra })], {
      status: 422,
      reason: 'schema_invalid',
      detail: /Unrecognized key/,
    });
  });
  it.each(extras)('dossier with %s', async (_what, extra) => {
    await expectPushRefused(server(), 'dossiers', [row({ ...received.doc, ...extra })], {
      status: 422,
      reason: 'schema_invalid',
      detail: /Unrecognized key/,
    });
  });
  it.each([
    ['applicant.isAdmin', { applicant: { ...received.dossier.applicant, isAdmin: true } }],
    ['documents[0].blob', { documents: [{ ...received.dossier.documents[0], blob: 'x' }] }],
  ])('dossier with a nested unknown field %s', async (_what, change) => {
    await expectPushRefused(server(), 'dossiers', [row({ ...received.doc, ...change })], {
      status: 422,
      reason: 'history_invalid',
      detail: /its events record/,
    });
  });
});

/** A request refused as a whole, and nothing changed. */
async function refusedRequest(req: RawRequest, status: number, message: string | RegExp) {
  const s = server();
  const before = await s.snapshot();
  expectRequestRefused(await s.send({ token: s.tokens.a1, ...req }), status, message);
  expect(await s.snapshot()).toBe(before);
}

describe('a body nested deeper than the bound is refused before anything reads it', () => {
  const depths = [40, 1_000, 5_000, 20_000];
  const json = { 'content-type': 'application/json' };
  const routes: [string, (depth: number) => RawRequest][] = [
    [
      'a dossier push',
      (d) => ({
        path: '/sync/dossiers/push',
        headers: json,
        body: `{"rows":[${withDeepField(row({ ...received.doc }), 'x', d)}]}`,
      }),
    ],
    [
      'an event push',
      (d) => ({
        path: '/sync/dossier_events/push',
        headers: json,
        body: `{"rows":[{"newDocumentState":${withDeepField({ ...appraisal.events[0]!, _deleted: false }, 'payload', d)}}]}`,
      }),
    ],
    [
      'an enrolment',
      (d) => ({
        path: '/enrol',
        token: null,
        headers: json,
        body: withDeepField({ code: 'ABCD-EFGH-JKLM', counterId: 'a1' }, 'deviceName', d),
      }),
    ],
    [
      'an enrolment code request',
      (d) => ({ path: '/admin/enrol-codes', headers: json, body: withDeepField({}, 'officeId', d) }),
    ],
  ];
  const cases = routes.flatMap(([what, make]) =>
    depths.map((d): [string, number, RawRequest] => [what, d, make(d)]),
  );
  it.each(cases)('%s nested %i deep', async (_what, _depth, req) => {
    await refusedRequest(req, 400, /nested deeper than 32 levels/);
  });
  it.each(depths.map((d) => [d]))('an NDJSON push line nested %i deep', async (depth) => {
    const line = `{"newDocumentState":${withDeepField({ ...appraisal.events[0]!, _deleted: false }, 'payload', depth)}}`;
    await refusedRequest(
      { path: '/sync/dossier_events/push', body: line, headers: { 'content-type': 'application/x-ndjson' } },
      400,
      /nested deeper/,
    );
  });
});

describe('oversized documents and bodies are refused', () => {
  it('a dossier over the document limit', async () => {
    await expectPushRefused(server(), 'dossiers', [row({ ...received.doc, notes: blob + blob })], {
      status: 413,
      reason: 'too_large',
      detail: /bytes >/,
    });
  });
  const oversized: [string, () => unknown, Record<string, string>, number, RegExp][] = [
    [
      'a body over 8 MB',
      () => ({ rows: [], pad: 'x'.repeat(9 * 1024 * 1024) }),
      {},
      413,
      /larger|limit|too large/i,
    ],
    [
      'a gzip bomb',
      () => gzipBomb(64 * 1024 * 1024),
      { 'content-encoding': 'gzip', 'content-type': 'application/json' },
      413,
      /inflates to more than/,
    ],
    [
      'a body that is not gzip',
      () => 'not gzip at all',
      { 'content-encoding': 'gzip', 'content-type': 'application/json' },
      400,
      /not valid gzip/,
    ],
    [
      'a brotli body',
      () => '{}',
      { 'content-encoding': 'br', 'content-type': 'application/json' },
      415,
      /unsupported content-encoding/,
    ],
    [
      'more rows than a push takes',
      () => ({ rows: Array.from({ length: 501 }, () => row(received.doc)) }),
      {},
      400,
      /500/,
    ],
  ];
  it.each(oversized)('%s', async (_what, body, headers, status, message) => {
    await refusedRequest(
      { path: '/sync/dossiers/push', body: body(), headers: { ...headers } },
      status,
      message,
    );
  });
});

describe('malformed bodies are refused with the reason', () => {
  const json = { 'content-type': 'application/json' };
  const ndjson = { 'content-type': 'application/x-ndjson' };
  const malformed: [string, string | Buffer, Record<string, string>, RegExp][] = [
    ['broken JSON', '{"rows": [', json, /JSON|Unexpected|Body/i],
    ['an empty JSON body', '', json, /empty|JSON|Body/i],
    ['rows that are not a list', '{"rows": {"0": 1}}', json, /rows/],
    ['a row without a document', '{"rows": [{}]}', json, /newDocumentState/],
    [
      'a row with an unknown field',
      JSON.stringify({ rows: [{ ...row(received.doc), admin: true }] }),
      json,
      /Unrecognized key/,
    ],
    ['a request with an unknown field', JSON.stringify({ rows: [], admin: true }), json, /Unrecognized key/],
    [
      'a document without an id',
      JSON.stringify({ rows: [{ newDocumentState: { _deleted: false } }] }),
      json,
      /id/,
    ],
    [
      'a document whose id is not text',
      JSON.stringify({ rows: [row({ ...received.doc, id: 42 })] }),
      json,
      /id/,
    ],
    [
      'a SQL-like document id',
      JSON.stringify({ rows: [row({ ...received.doc, id: "x'; DROP TABLE documents; --" })] }),
      json,
      /id/,
    ],
    [
      'a document id of 65 characters',
      JSON.stringify({ rows: [row({ ...received.doc, id: 'a'.repeat(65) })] }),
      json,
      /id|64/,
    ],
    [
      'a deleted flag that is not a boolean',
      JSON.stringify({ rows: [{ newDocumentState: { ...received.doc, _deleted: 'yes' } }] }),
      json,
      /_deleted/,
    ],
    ['an NDJSON line that is not JSON', '{"newDocumentState": {}}\nnot json\n', ndjson, /line 2/],
    [
      'a body of an unknown content type',
      'rows=1',
      { 'content-type': 'application/x-www-form-urlencoded' },
      /Unsupported Media Type|content-type/i,
    ],
    [
      'prototype pollution (__proto__)',
      '{"rows": [], "__proto__": {"polluted": true}}',
      json,
      /prototype|forbidden|__proto__/i,
    ],
    [
      'prototype pollution (constructor.prototype)',
      '{"rows": [], "constructor": {"prototype": {"polluted": true}}}',
      json,
      /prototype|forbidden|constructor/i,
    ],
    [
      'prototype pollution in a document',
      '{"rows": [{"newDocumentState": {"id": "p1", "_deleted": false, "__proto__": {"polluted": true}}}]}',
      json,
      /prototype|forbidden|__proto__/i,
    ],
    [
      'prototype pollution in an NDJSON line',
      '{"newDocumentState": {"id": "p2", "_deleted": false, "__proto__": {"polluted": true}}}\n',
      ndjson,
      /prototype|forbidden|__proto__/i,
    ],
  ];
  it.each(malformed)('%s', async (_what, body, headers, message) => {
    const s = server();
    const before = await s.snapshot();
    const answer = await s.send({ token: s.tokens.a1, path: '/sync/dossiers/push', body, headers });
    expect(answer.status, JSON.stringify(answer.json)).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(JSON.stringify(answer.json)).toMatch(message);
    expect(await s.snapshot()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('text PostgreSQL cannot store (NUL) is refused one by one', async () => {
    const refusal: Refusal = { status: 422, reason: 'schema_invalid', detail: /NUL/ };
    await expectPushRefused(server(), 'dossiers', [row({ ...received.doc, notes: 'a\u0000b' })], refusal);
  });

  it('a gzip body that inflates to a valid push still works (the bound is on the result)', async () => {
    const s = server();
    const body = gzipSync(JSON.stringify({ rows: [row(received.doc)] }));
    const answer = await s.send({
      token: s.tokens.a1,
      path: '/sync/dossiers/push',
      body,
      headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.rejected).toEqual([]);
  });
});
