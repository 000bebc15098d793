import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { scanCipherFor, sha256Hex } from './cipher';
import { ScanStore } from './store';

let n = 0;
const stores: ScanStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function open(key = 'data-key-1'): Promise<{ store: ScanStore; name: string }> {
  const name = `scan-store-test-${++n}`;
  const store = new ScanStore(name, await scanCipherFor(key));
  stores.push(store);
  return { store, name };
}

describe('ScanStore', () => {
  it('keeps an identical file once, under its SHA-256, and queues it once', async () => {
    const { store } = await open();
    const bytes = new TextEncoder().encode('%PDF-1.4 tờ khai');
    const first = await store.put(bytes, 'application/pdf');
    const second = await store.put(bytes.slice(), 'application/pdf');
    expect(first).toBe(second);
    expect(first).toBe(await sha256Hex(bytes));
    expect(await store.pending()).toHaveLength(1);
    expect(await store.get(first)).toEqual(bytes);
    await store.markSent(first);
    await store.put(bytes, 'application/pdf');
    expect(await store.pending()).toHaveLength(0);
  });

  it('counts the files the server confirmed since a time (the end-of-day summary)', async () => {
    const { store } = await open();
    const before = new Date(Date.now() - 1000).toISOString();
    const a = await store.put(new TextEncoder().encode('%PDF a'), 'application/pdf');
    await store.put(new TextEncoder().encode('%PDF b'), 'application/pdf');
    expect(await store.sentSince(before)).toBe(0);
    await store.markSent(a);
    expect(await store.sentSince(before)).toBe(1);
    expect(await store.sentSince(new Date(Date.now() + 60_000).toISOString())).toBe(0);
    expect(await store.pending()).toHaveLength(1);
  });

  it('stores the bytes encrypted: not readable in IndexedDB, not under another key', async () => {
    const { store, name } = await open('key-a');
    const bytes = new TextEncoder().encode('CCCD 001203004567 Nguyễn Văn Ân');
    const sha256 = await store.put(bytes, 'image/png');
    store.close();
    const raw = new Dexie(name);
    raw.version(1).stores({ files: 'sha256', uploads: 'sha256, state' });
    const row = (await raw.table('files').get(sha256)) as { data: ArrayBuffer };
    raw.close();
    expect(Buffer.from(row.data).includes(Buffer.from('001203004567'))).toBe(false);
    const other = new ScanStore(name, await scanCipherFor('key-b'));
    stores.push(other);
    await expect(other.get(sha256)).rejects.toThrow();
  });

  it('refuses fetched bytes that do not match their hash', async () => {
    const { store } = await open();
    await expect(store.putFetched('00'.repeat(32), new Uint8Array([1, 2]), 'image/png')).rejects.toThrow(
      'scan.hash_mismatch',
    );
  });
});
