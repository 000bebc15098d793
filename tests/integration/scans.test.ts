import 'fake-indexeddb/auto';
import { readFile, readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../renderer/features/scans/i18n';
import type { ScanQueueState } from '../../renderer/features/scans/uploader';
import { runEndOfDayWithScans } from '../../renderer/features/sync/eod';
import { EndOfDayReportView } from '../../renderer/features/sync/EndOfDaySync';
import { registerSyncI18n } from '../../renderer/features/sync/i18n';
import { renderSummaryHtml } from '../../renderer/features/sync/summary';
import { CorruptingProxy } from '../support/corrupting-proxy';
import { openScanSide, scanBytes, type ScanSide } from '../support/scan-counter';
import { useSyncServer } from '../support/sync-fixture';
import { act, enrol, eventually, OFFICE_A, OFFICE_B, receiveSteps, type TestCounter } from './harness';
import { TestProxy } from './proxy';
import { STALE_UPLOAD_MS, UPLOADS_PATH } from '../../server/scans/routes';
import { bearer } from '../../shared/sync/contract';

const MB = 1024 * 1024;
const fixture = useSyncServer();

/** Resolves when the queue's state first satisfies `check`. */
const queueWhen = (side: ScanSide, check: (s: ScanQueueState) => boolean) =>
  firstValueFrom(side.host.uploader!.state$.pipe(filter(check)));

const onServer = async (sha256: string): Promise<Buffer | null> =>
  readFile(fixture.server.store.scans.pathOf(sha256)).catch(() => null);

async function eventsOnServer(counter: TestCounter, dossierId: string): Promise<number> {
  const { rows } = await fixture.server.store.pool.query(
    `SELECT count(*)::int AS n FROM documents WHERE collection = 'dossier_events' AND doc->>'dossierId' = $1`,
    [dossierId],
  );
  void counter;
  return (rows[0] as { n: number }).n;
}

describe('scans: resumable upload, once per file, checked by hash, read by its office only', () => {
  it(
    'a 20 MB scan survives three forced disconnections and arrives byte-identical',
    { timeout: 120_000 },
    async () => {
      const proxy = new TestProxy({ targetPort: fixture.server.port, bitsPerSecond: 160_000_000, rttMs: 10 });
      await proxy.start();
      const counter = await fixture.counter(OFFICE_A, 'a1');
      counter.connect(proxy.url);
      const side = await openScanSide(counter, proxy.url, { chunkSize: 1 * MB });
      try {
        await act(counter, 'scan-d1', receiveSteps);
        const { bytes, sha256 } = scanBytes(20 * MB);
        await side.attach('scan-d1', bytes);
        for (const share of [0.25, 0.5, 0.75]) {
          await queueWhen(side, (s) => (s.current?.sent ?? 0) >= share * bytes.byteLength);
          proxy.drop();
          proxy.restore();
        }
        await eventually(
          () => side.host.store!.pending(),
          (p) => p.length === 0,
          60_000,
        );
        const stored = await onServer(sha256);
        expect(stored?.equals(Buffer.from(bytes))).toBe(true);
      } finally {
        await side.close();
        await counter.remove();
        await proxy.stop();
      }
    },
  );

  it('the same file attached to two dossiers (and at another counter) is stored and sent once', async () => {
    const proxy = new TestProxy({ targetPort: fixture.server.port });
    await proxy.start();
    const q1 = await fixture.counter(OFFICE_A, 'a1');
    const q3 = await fixture.counter(OFFICE_A, 'a2');
    q1.connect(fixture.server.url);
    q3.connect(fixture.server.url);
    const side = await openScanSide(q1, proxy.url);
    const other = await openScanSide(q3, proxy.url);
    try {
      await act(q1, 'scan-d2', receiveSteps);
      await act(q1, 'scan-d3', receiveSteps);
      const { bytes, sha256 } = scanBytes(2 * MB);
      expect(await side.attach('scan-d2', bytes)).toBe(sha256);
      expect(await side.attach('scan-d3', bytes)).toBe(sha256);
      await eventually(
        () => side.host.store!.pending(),
        (p) => p.length === 0,
        30_000,
      );
      // Another counter of the office attaching the same file finds it on the server.
      await act(q3, 'scan-d4', receiveSteps);
      await other.attach('scan-d4', bytes);
      await eventually(
        () => other.host.store!.pending(),
        (p) => p.length === 0,
        30_000,
      );
      expect(proxy.bytesUp).toBeLessThan(bytes.byteLength * 1.2);
      const names = (await readdir(fixture.server.store.scans.dir)).filter((f) => f === sha256);
      expect(names).toEqual([sha256]);
    } finally {
      await side.close();
      await other.close();
      await q1.remove();
      await q3.remove();
      await proxy.stop();
    }
  }, 90_000);

  it('a corrupted upload is rejected, deleted and sent again', async () => {
    const proxy = new CorruptingProxy(fixture.server.port, 200_000);
    const url = await proxy.start();
    const counter = await fixture.counter(OFFICE_A, 'a1');
    counter.connect(fixture.server.url);
    const side = await openScanSide(counter, url);
    const errors: string[] = [];
    const sub = side.host.uploader!.state$.subscribe((s) => s.lastError && errors.push(s.lastError));
    try {
      await act(counter, 'scan-d5', receiveSteps);
      const { bytes, sha256 } = scanBytes(1 * MB);
      await side.attach('scan-d5', bytes);
      await eventually(
        () => side.host.store!.pending(),
        (p) => p.length === 0,
        30_000,
      );
      expect(proxy.flipped).toBe(1);
      expect(errors.some((e) => e.includes('460'))).toBe(true);
      expect((await onServer(sha256))?.equals(Buffer.from(bytes))).toBe(true);
      const uploads = await readdir(fixture.server.store.scans.uploadsDir);
      expect(uploads.filter((f) => f.includes(sha256))).toEqual([]);
    } finally {
      sub.unsubscribe();
      await side.close();
      await counter.remove();
      await proxy.stop();
    }
  }, 60_000);

  it("a device of office B cannot read office A's file; another counter of A fetches it on demand", async () => {
    const a1 = await fixture.counter(OFFICE_A, 'a1');
    const a2 = await fixture.counter(OFFICE_A, 'a2');
    const b1 = await fixture.counter(OFFICE_B, 'b1');
    try {
      await b1.remove();
    } catch {
      // its token is all this test needs
    }
    a1.connect(fixture.server.url);
    a2.connect(fixture.server.url);
    const side = await openScanSide(a1, fixture.server.url);
    const reader = await openScanSide(a2, fixture.server.url);
    try {
      await act(a1, 'scan-d6', receiveSteps);
      const { bytes, sha256 } = scanBytes(300 * 1024);
      await side.attach('scan-d6', bytes);
      await eventually(
        () => side.host.store!.pending(),
        (p) => p.length === 0,
        30_000,
      );
      const get = (token: string, method = 'GET') =>
        fetch(`${fixture.server.url}/scans/${sha256}`, {
          method,
          headers: { authorization: `Bearer ${token}` },
        });
      expect((await get(b1.token)).status).toBe(404);
      expect((await get(b1.token, 'HEAD')).status).toBe(404);
      expect((await get(a2.token)).status).toBe(200);
      const fetched = await reader.host.uploader!.fetchRemote(sha256, 'application/pdf');
      expect(Buffer.from(fetched).equals(Buffer.from(bytes))).toBe(true);
      expect(await reader.host.store!.has(sha256)).toBe(true);
    } finally {
      await side.close();
      await reader.close();
      await a1.remove();
      await a2.remove();
    }
  }, 60_000);
});

describe("scans: never in the dossiers' way, within IT staff's rate cap", () => {
  it('holds the uploads to the rate cap IT staff set for the counter', async () => {
    const counter = await fixture.counter(OFFICE_A, 'a1');
    counter.connect(fixture.server.url);
    // As the app's queue reads the provisioning file's scanUploadKbps (1024 kbit/s here).
    const side = await openScanSide(counter, fixture.server.url, {
      rateCapSource: () => Promise.resolve((1024 * 1000) / 8),
    });
    try {
      await act(counter, 'scan-d9', receiveSteps);
      const { bytes, sha256 } = scanBytes(512 * 1024);
      const started = performance.now();
      await side.attach('scan-d9', bytes);
      await eventually(
        () => side.host.store!.pending(),
        (p) => p.length === 0,
        30_000,
      );
      // One second's burst, then the rest at 128,000 bytes a second.
      expect(performance.now() - started).toBeGreaterThan(
        ((bytes.byteLength - 128_000) / 128_000) * 1000 - 100,
      );
      expect(side.host.uploader!.snapshot.rateCap).toBe(128_000);
      expect((await onServer(sha256))?.equals(Buffer.from(bytes))).toBe(true);
    } finally {
      await side.close();
      await counter.remove();
    }
  }, 60_000);

  // One shared 256 kbit/s line: whatever the scan has put on it delays the push behind it (a 256 KB
  // chunk costs 8 s there). The scan yields before every chunk and keeps its chunks to about a
  // second of the line, so the dossier waits for at most about one small chunk.
  it("a dossier's data syncs within seconds while its scan is still uploading over the poor link", async () => {
    const proxy = new TestProxy({
      targetPort: fixture.server.port,
      bitsPerSecond: 256_000,
      rttMs: 300,
      oneLink: true,
    });
    await proxy.start();
    const counter = await fixture.counter(OFFICE_A, 'a2');
    counter.connect(proxy.url);
    const side = await openScanSide(counter, proxy.url, { chunkSize: 256 * 1024 });
    try {
      await act(counter, 'scan-d7', receiveSteps);
      const { bytes } = scanBytes(20 * MB);
      await side.attach('scan-d7', bytes);
      // Well under way: the chunks have grown to the line's measured rate.
      await queueWhen(side, (s) => (s.current?.sent ?? 0) > 128 * 1024);
      // The next dossier is recorded while the scan goes up: its data reaches the server first.
      const recorded = performance.now();
      await act(counter, 'scan-d8', receiveSteps);
      await eventually(
        () => eventsOnServer(counter, 'scan-d8'),
        (n) => n === 1,
        30_000,
      );
      const waitedMs = performance.now() - recorded;
      expect(waitedMs).toBeLessThan(5_000);
      const state = side.host.uploader!.snapshot;
      expect(state.files).toBe(1);
      expect(state.current?.sent ?? 0).toBeLessThan(bytes.byteLength);
    } finally {
      await side.close();
      await counter.remove();
      await proxy.stop();
    }
  }, 180_000);
});

describe('scans: unfinished uploads nobody comes back for', () => {
  /** Begins a tus upload of `size` bytes through the server and sends its first half. */
  async function beginUpload(token: string, size: number): Promise<string> {
    const { bytes, sha256 } = scanBytes(size);
    const headers = { authorization: bearer(token), 'tus-resumable': '1.0.0' };
    const created = await fetch(`${fixture.server.url}${UPLOADS_PATH}`, {
      method: 'POST',
      headers: {
        ...headers,
        'upload-length': String(size),
        'upload-metadata': `sha256 ${Buffer.from(sha256).toString('base64')}`,
      },
    });
    expect(created.status).toBe(201);
    const url = new URL(created.headers.get('location')!, fixture.server.url).toString();
    const patched = await fetch(url, {
      method: 'PATCH',
      headers: { ...headers, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: bytes.slice(0, size / 2),
    });
    expect(patched.status).toBe(204);
    return url;
  }

  const offsetOf = async (token: string, url: string) =>
    fetch(url, { method: 'HEAD', headers: { authorization: bearer(token), 'tus-resumable': '1.0.0' } });

  it('deletes one untouched for more than the limit, keeps a recent one resumable', async () => {
    const { token } = await enrol(fixture.server, OFFICE_A, 'a2');
    const old = await beginUpload(token, 64 * 1024);
    const recent = await beginUpload(token, 64 * 1024);
    const oldId = old.split('/').pop()!;
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    const dir = fixture.server.store.scans.uploadsDir;
    await utimes(join(dir, oldId), eightDaysAgo, eightDaysAgo);
    await utimes(join(dir, `${oldId}.json`), eightDaysAgo, eightDaysAgo);

    // The sweep the server runs on start and then daily.
    expect(await fixture.server.store.scans.deleteStaleUploads(STALE_UPLOAD_MS)).toBe(1);

    const left = await readdir(dir);
    expect(left.filter((f) => f.startsWith(oldId))).toEqual([]);
    expect((await offsetOf(token, old)).status).toBe(404);
    const kept = await offsetOf(token, recent);
    expect(kept.status).toBe(200);
    expect(kept.headers.get('upload-offset')).toBe(String(32 * 1024));
  });
});

describe("scans in the supervisor's end-of-day summary", () => {
  it('counts the files sent today, those still going up and their bytes left, with the dossiers complete', async () => {
    // A slow line: the second file is still going up when the supervisor runs the end of the day.
    const proxy = new TestProxy({ targetPort: fixture.server.port, bitsPerSecond: 1_000_000, rttMs: 20 });
    await proxy.start();
    const counter = await fixture.counter(OFFICE_A, 'a1');
    counter.connect(proxy.url);
    const side = await openScanSide(counter, proxy.url, { chunkSize: 128 * 1024 });
    const i18n = i18next.createInstance();
    await i18n.use(initReactI18next).init({
      lng: 'vi',
      resources: { vi: { translation: {} } },
      interpolation: { escapeValue: false },
    });
    registerSyncI18n(i18n);
    try {
      await act(counter, 'scan-eod1', receiveSteps);
      await side.attach('scan-eod1', scanBytes(64 * 1024).bytes);
      await eventually(
        () => side.host.store!.pending(),
        (p) => p.length === 0,
        30_000,
      );
      const going = scanBytes(8 * MB);
      await side.attach('scan-eod1', going.bytes);
      await queueWhen(side, (s) => (s.current?.sent ?? 0) > 128 * 1024);

      const report = await runEndOfDayWithScans(counter.sync!, side.host);
      expect(report.complete).toBe(true);
      expect(report.scans).toMatchObject({ sentToday: 1, pending: 1 });
      const left = report.scans!.bytesLeft;
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThan(going.bytes.byteLength);

      // The printout's scans section, with the figures of the queue.
      const printed = renderSummaryHtml(
        report,
        { officeName: 'UBND xã A', counterName: 'a1', officerName: 'Giám sát', lang: 'vi' },
        i18n.t,
      );
      const cell = (testid: string) => new RegExp(`data-testid="${testid}">([^<]*)<`).exec(printed)?.[1];
      expect(printed).toContain('Tệp số hóa đã gửi hôm nay');
      expect(cell('sum-scans-sent')).toBe('1');
      expect(cell('sum-scans-pending')).toBe('1');
      expect(cell('sum-scans-left')).toBe(formatBytes(left));
      expect(printed).toContain('Dữ liệu hồ sơ đã gửi đủ; các tệp số hóa còn lại sẽ tiếp tục gửi lên sau');

      // The same on the supervisor's screen.
      const screen = renderToStaticMarkup(
        createElement(I18nextProvider, { i18n }, createElement(EndOfDayReportView, { report })),
      );
      expect(screen).toContain(`data-sent-today="1" data-pending="1" data-bytes-left="${left}"`);
      expect(screen).toContain('Tệp số hóa còn chờ gửi');
      expect(screen).toContain(formatBytes(left));
      expect(screen).toContain('Dữ liệu hồ sơ đã gửi đủ');
    } finally {
      await side.close();
      await counter.remove();
      await proxy.stop();
    }
  }, 180_000);
});
