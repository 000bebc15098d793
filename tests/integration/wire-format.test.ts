import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, pullResponseSchema, REPLICA_HEADER, type PushResponse } from '../../shared/sync/contract';
import { NDJSON_TYPE } from '../../shared/sync/ndjson';
import { act, enrol, OFFICE_A, openCounter, receiveSteps } from './harness';
import { useSyncServer } from '../support/sync-fixture';
import { readBody } from '../../renderer/features/sync/wire';

const fixture = useSyncServer();
let token: string;

beforeAll(async () => {
  token = (await enrol(fixture.server, OFFICE_A, 'a1')).token;
});

const ndjson = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join('\n') + '\n';

async function pushNdjson(collection: string, body: string, gzip = false): Promise<Response> {
  return fetch(`${fixture.server.url}/sync/${collection}/push`, {
    method: 'POST',
    headers: {
      authorization: bearer(token),
      'content-type': NDJSON_TYPE,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    },
    body: gzip ? new Uint8Array(gzipSync(body)) : body,
  });
}

async function pull(collection: string, accept: string): Promise<Response> {
  return fetch(`${fixture.server.url}/sync/${collection}/pull?limit=1000`, {
    headers: { authorization: bearer(token), accept, 'accept-encoding': 'gzip' },
  });
}

describe('the wire: NDJSON pushes and pull pages', () => {
  it('a push sent as NDJSON (gzip) is stored like the same push sent as JSON', async () => {
    const counter = await openCounter(OFFICE_A, 'a1', token);
    const { events } = await act(counter, 'nd-ok', receiveSteps);
    await counter.close();
    const res = await pushNdjson(
      'dossier_events',
      ndjson(events.map((e) => ({ newDocumentState: { ...e, _deleted: false }, assumedMasterState: null }))),
      true,
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as PushResponse).rejected).toEqual([]);
    const stored = (await fixture.server.store.replication.fingerprint('dossier_events')).map(
      (j) => JSON.parse(j).id as string,
    );
    expect(stored).toContain(events[0]!.id);
  });

  it('a line that is not JSON, or carries __proto__, refuses the push with the line named and stores nothing', async () => {
    const counter = await openCounter(OFFICE_A, 'a1', token);
    const { events } = await act(counter, 'nd-bad', receiveSteps);
    await counter.close();
    const good = JSON.stringify({ newDocumentState: { ...events[0]!, _deleted: false } });
    for (const [second, expected] of [
      ['{"newDocumentState": {', /line 2/],
      ['{"__proto__": {"admin": true}}', /line 2/],
    ] as const) {
      const res = await pushNdjson('dossier_events', `${good}\n${second}\n`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe('bad_request');
      expect(body.message).toMatch(expected);
    }
    const stored = (await fixture.server.store.replication.fingerprint('dossier_events')).map(
      (j) => JSON.parse(j).id as string,
    );
    expect(stored).not.toContain(events[0]!.id);
  });

  it('a push body that is not gzip, in another encoding, or inflating past the limit is refused with the reason', async () => {
    const post = (body: Uint8Array<ArrayBuffer>, encoding: string) =>
      fetch(`${fixture.server.url}/sync/dossier_events/push`, {
        method: 'POST',
        headers: { authorization: bearer(token), 'content-type': NDJSON_TYPE, 'content-encoding': encoding },
        body,
      });
    const notGzip = await post(new TextEncoder().encode('{"newDocumentState":{}}\n'), 'gzip');
    expect(notGzip.status).toBe(400);
    expect(((await notGzip.json()) as { error: string }).error).toBe('bad_request');
    const brotli = await post(new Uint8Array([1, 2, 3]), 'br');
    expect(brotli.status).toBe(415);
    const bomb = await post(new Uint8Array(gzipSync(Buffer.alloc(9 * 1024 * 1024, 'a'))), 'gzip');
    expect(bomb.status).toBe(413);
    expect(((await bomb.json()) as { error: string }).error).toBe('payload_too_large');
  });

  it('a replica id that is not one refuses the pull or push with the header named, and stores nothing', async () => {
    const counter = await openCounter(OFFICE_A, 'a1', token);
    const { events } = await act(counter, 'nd-replica', receiveSteps);
    await counter.close();
    const headers = { authorization: bearer(token), [REPLICA_HEADER]: 'short' };
    const pulled = await fetch(`${fixture.server.url}/sync/dossiers/pull`, { headers });
    const pushed = await fetch(`${fixture.server.url}/sync/dossier_events/push`, {
      method: 'POST',
      headers: { ...headers, 'content-type': NDJSON_TYPE },
      body: ndjson(events.map((e) => ({ newDocumentState: { ...e, _deleted: false } }))),
    });
    for (const res of [pulled, pushed]) {
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: string; message: string };
      expect(body).toMatchObject({ error: 'bad_request' });
      expect(body.message).toContain(REPLICA_HEADER);
    }
    const stored = (await fixture.server.store.replication.fingerprint('dossier_events')).map(
      (j) => JSON.parse(j).id as string,
    );
    expect(stored).not.toContain(events[0]!.id);
  });

  it('a pull page asked for as NDJSON holds what the JSON page holds; only tombstones carry _deleted', async () => {
    const sector = {
      id: 'sector-gone',
      code: 'XX',
      name: 'Lĩnh vực bỏ',
      updatedAt: '2026-03-02T00:00:00.000Z',
    };
    await fixture.server.store.catalogue.upsertCatalogue('sectors', [{ ...sector, _deleted: true }], 'test');

    const asJson = await pull('sectors', 'application/json');
    expect(asJson.headers.get('content-type')).toMatch(/^application\/json/);
    const json = pullResponseSchema.parse(await asJson.json());

    const asNdjson = await pull('sectors', `${NDJSON_TYPE}, application/json`);
    expect(asNdjson.headers.get('content-type')).toMatch(new RegExp(`^${NDJSON_TYPE}`));
    expect(asNdjson.headers.get('content-encoding')).toBe('gzip');
    const lines = (await asNdjson.clone().text()).trim().split('\n');
    expect(lines).toHaveLength(1 + json.documents.length);
    expect(lines.filter((l) => l.includes('"_deleted"'))).toEqual([expect.stringContaining('sector-gone')]);
    const page = pullResponseSchema.parse(await readBody(asNdjson));

    expect(page.documents).toEqual(json.documents);
    expect(page.checkpoint).toEqual(json.checkpoint);
    expect(json.documents.find((d) => d.id === 'sector-gone')?._deleted).toBe(true);
    expect(json.documents.find((d) => d.id === 'sector-civil')?._deleted).toBe(false);
  });

  it('an empty page is a checkpoint line alone', async () => {
    const res = await fetch(`${fixture.server.url}/sync/dossiers/pull?seq=999999999&id=zzz`, {
      headers: { authorization: bearer(token), accept: NDJSON_TYPE },
    });
    const page = pullResponseSchema.parse(await readBody(res));
    expect(page.documents).toEqual([]);
    expect(page.checkpoint).toEqual({ seq: 999999999, id: 'zzz' });
  });
});
