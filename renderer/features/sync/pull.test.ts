import { afterEach, describe, expect, it } from 'vitest';
import { NDJSON_TYPE } from '../../../shared/sync/ndjson';
import { OFFICE_A, openCounter, type TestCounter } from '../../../tests/integration/harness';

let counter: TestCounter | null = null;
afterEach(async () => {
  await counter?.close();
  counter = null;
});

/**
 * The client reads on while a page says `more` (the server left this client's own versions out of
 * it). A server that keeps saying so without moving the checkpoint must not make it ask forever.
 */
describe('pulling pages that say more', () => {
  it('stops when a page says more but the checkpoint does not move', async () => {
    counter = await openCounter(OFFICE_A, 'a1', 'token-not-used');
    const asked: string[] = [];
    const stuck: typeof fetch = async (input) => {
      asked.push(String(input));
      const head = {
        checkpoint: { seq: 5, id: 'x' },
        serverTime: new Date().toISOString(),
        more: true,
        echoed: 0,
      };
      return new Response(`${JSON.stringify(head)}\n`, { headers: { 'content-type': NDJSON_TYPE } });
    };
    const sync = counter.connect('http://server.invalid', { fetch: stuck, live: false });
    await Promise.all([...sync.replications.values()].map((r) => r.awaitInitialReplication()));
    // Per collection: the first page (from no checkpoint), then one from seq 5 that does not move.
    for (const collection of ['dossiers', 'dossier_events']) {
      const pulls = asked.filter((url) => url.includes(`/sync/${collection}/pull`));
      expect(pulls).toHaveLength(2);
      expect(pulls[1]).toContain('seq=5');
    }
  });
});
