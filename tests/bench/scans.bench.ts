/**
 * bench:scans — how fast a counter's scans go up, and whether they ever hold up its dossiers' data.
 * The real server on embedded PostgreSQL, a counter's real replica and sync client, and the app's
 * own scan store and upload queue (tests/support/scan-counter.ts, tus-js-client's Node build).
 * 1. Loopback: LOOPBACK_FILES (5) files of LOOPBACK_MB (20) MB, attached, then the queue started;
 *    against a raw HTTP PUT of the same bytes to a sink that writes and hashes them (the baseline).
 * 2. The poor link (256 kbit/s, 300 ms round trip, one line each way: TestProxy oneLink): a file of
 *    POOR_MB MB, against a raw PUT of the same bytes over the same line.
 * 3. Resumption: a RESUME_MB MB file cut three times (at a quarter, half, three quarters) on a fast
 *    throttled link; the bytes sent over the file's size, against the same file sent uncut.
 * 4. A day's dossiers: DAY_DOSSIERS (30) dossiers recorded one every DAY_EVERY_MS on the poor link,
 *    each timed until its data is on the server, once with no scans and once while a day's scans
 *    (DAY_SCANS_MB MB) go up; dossier_wait_s is the mean extra wait per dossier (target: about 0).
 * Last line machine-readable:
 * `bench:scans loopback_mb_s=… poor_link_kb_s=… resume_overhead_pct=… dossier_wait_s=…`.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, firstValueFrom, skipWhile } from 'rxjs';
import { act, enrol, OFFICE_A, openCounter, receiveSteps, startSeededServer } from '../integration/harness';
import type { SeededServer, TestCounter } from '../integration/harness';
import { TestProxy } from '../integration/proxy';
import { openScanSide, scanBytes, type ScanSide } from '../support/scan-counter';
import { fmt, median } from './figures';

const MB = 1024 * 1024;
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const LOOPBACK_FILES = env('LOOPBACK_FILES', 5);
const LOOPBACK_MB = env('LOOPBACK_MB', 20);
const POOR_MB = env('POOR_MB', 1);
const RESUME_MB = env('RESUME_MB', 20);
const DAY_DOSSIERS = env('DAY_DOSSIERS', 30);
const DAY_SCANS_MB = env('DAY_SCANS_MB', 20);
/** A dossier every so often: a counter's day, compressed (the scans get the line between them). */
const DAY_EVERY_MS = env('DAY_EVERY_MS', 1_500);
const POOR_LINK = { bitsPerSecond: 256_000, rttMs: 300, oneLink: true } as const;
const log = (line: string) => console.log(line);
const seconds = (ms: number) => ms / 1000;

/** A counter of office A with its scan side, its sync client and its scans going to `scansUrl`. */
interface Counter {
  counter: TestCounter;
  side: ScanSide;
  close(): Promise<void>;
}

let counterCount = 0;
async function openBenchCounter(
  server: SeededServer,
  urls: { sync: string; scans: string },
  startQueue = true,
): Promise<Counter> {
  // Each enrolment of the counter replaces its previous device: one counter at a time.
  const { token } = await enrol(server, OFFICE_A, 'a1');
  const counter = await openCounter(OFFICE_A, 'a1', token);
  counter.connect(urls.sync);
  const side = await openScanSide(counter, urls.scans, { startQueue });
  counterCount++;
  return {
    counter,
    side,
    async close() {
      await side.close();
      await counter.remove();
    },
  };
}

/** Resolves once the queue has had files and sent them all. */
const allSent = (side: ScanSide) =>
  firstValueFrom(
    side.host.queue$.pipe(
      skipWhile((s) => (s?.files ?? 0) === 0),
      filter((s) => s?.files === 0),
    ),
  );

/** A sink for the baseline: takes a PUT's body, writes it to a file and hashes it, answers 204. */
async function startSink(): Promise<{ server: Server; port: number; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-scans-sink-'));
  let n = 0;
  const server = createServer((req, res) => {
    const hash = createHash('sha256');
    const file = createWriteStream(join(dir, `put-${++n}`));
    req.on('data', (chunk: Buffer) => hash.update(chunk));
    req.pipe(file).on('finish', () => {
      hash.digest('hex');
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  return { server, dir, port: typeof addr === 'object' && addr ? addr.port : 0 };
}

/** A raw HTTP PUT of `bytes` to the sink (through `port`); answers the ms it took. */
function rawPut(port: number, bytes: Uint8Array): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: '/scan',
        headers: { 'content-length': bytes.byteLength },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - started));
      },
    );
    req.on('error', reject);
    req.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

/** Attaches `files` to dossiers of the counter, then times the queue sending them all. */
async function timedUpload(c: Counter, prefix: string, files: Uint8Array[]): Promise<number> {
  for (const [i, bytes] of files.entries()) {
    await act(c.counter, `${prefix}-${i}`, receiveSteps);
    await c.side.attach(`${prefix}-${i}`, bytes);
  }
  await c.counter.sync!.endOfDaySync(60_000);
  const started = performance.now();
  c.side.startQueue();
  await allSent(c.side);
  return performance.now() - started;
}

async function loopback(server: SeededServer, sinkPort: number) {
  const files = Array.from({ length: LOOPBACK_FILES }, () => scanBytes(LOOPBACK_MB * MB).bytes);
  const total = files.reduce((sum, f) => sum + f.byteLength, 0);
  const c = await openBenchCounter(server, { sync: server.url, scans: server.url }, false);
  try {
    const ms = await timedUpload(c, 'loop', files);
    const rawMs: number[] = [];
    for (const f of files) rawMs.push(await rawPut(sinkPort, f));
    const raw = total / MB / seconds(rawMs.reduce((a, b) => a + b, 0));
    const mbS = total / MB / seconds(ms);
    log(`loopback: ${LOOPBACK_FILES} × ${LOOPBACK_MB} MB in ${fmt(seconds(ms), 1)} s = ${fmt(mbS, 1)} MB/s`);
    log(
      `  baseline raw HTTP PUT to a writing, hashing sink: ${fmt(raw, 1)} MB/s; ratio ${fmt(mbS / raw, 2)}`,
    );
    return mbS;
  } finally {
    await c.close();
  }
}

async function poorLink(server: SeededServer, sinkPort: number) {
  const proxy = new TestProxy({ targetPort: server.port, ...POOR_LINK });
  const sinkProxy = new TestProxy({ targetPort: sinkPort, ...POOR_LINK });
  await proxy.start();
  await sinkProxy.start();
  const c = await openBenchCounter(server, { sync: proxy.url, scans: proxy.url }, false);
  try {
    const { bytes } = scanBytes(POOR_MB * MB);
    const ms = await timedUpload(c, 'poor', [bytes]);
    const rawMs = await rawPut(sinkProxy.port, bytes);
    const kbS = bytes.byteLength / 1024 / seconds(ms);
    const raw = bytes.byteLength / 1024 / seconds(rawMs);
    log(
      `poor link (256 kbit/s, 300 ms, one line): ${POOR_MB} MB in ${fmt(seconds(ms), 1)} s = ${fmt(kbS, 1)} KB/s`,
    );
    log(`  baseline raw HTTP PUT over the same line: ${fmt(raw, 1)} KB/s; ratio ${fmt(kbS / raw, 2)}`);
    return kbS;
  } finally {
    await c.close();
    await proxy.stop();
    await sinkProxy.stop();
  }
}

/** Sends a RESUME_MB file through a fast throttled link, cut at `cuts` of its bytes; the overhead %. */
async function resumeRun(server: SeededServer, cuts: number[]): Promise<number> {
  const proxy = new TestProxy({ targetPort: server.port, bitsPerSecond: 160_000_000, rttMs: 10 });
  await proxy.start();
  // The dossiers' data goes direct: the proxy counts the scan's bytes only.
  const c = await openBenchCounter(server, { sync: server.url, scans: proxy.url });
  try {
    const { bytes } = scanBytes(RESUME_MB * MB);
    await act(c.counter, `resume-${cuts.length}`, receiveSteps);
    await c.side.attach(`resume-${cuts.length}`, bytes);
    for (const share of cuts) {
      await firstValueFrom(
        c.side.host.queue$.pipe(filter((s) => (s?.current?.sent ?? 0) >= share * bytes.byteLength)),
      );
      proxy.drop();
      proxy.restore();
    }
    await allSent(c.side);
    return (proxy.bytesUp / bytes.byteLength - 1) * 100;
  } finally {
    await c.close();
    await proxy.stop();
  }
}

async function resumption(server: SeededServer) {
  const uncut = await resumeRun(server, []);
  const cut = await resumeRun(server, [0.25, 0.5, 0.75]);
  log(`resumption: ${RESUME_MB} MB cut 3 times: ${fmt(cut, 2)} % more bytes than the file`);
  log(`  baseline the same file uncut (requests' own overhead): ${fmt(uncut, 2)} %`);
  return cut;
}

/**
 * Records DAY_DOSSIERS dossiers, one every DAY_EVERY_MS (or when the one before is on the server, if
 * later); the seconds each took to reach the server.
 */
async function dayOfDossiers(server: SeededServer, c: Counter, prefix: string): Promise<number[]> {
  const waits: number[] = [];
  const day = performance.now();
  for (let i = 0; i < DAY_DOSSIERS; i++) {
    const id = `${prefix}-${i}`;
    const due = day + i * DAY_EVERY_MS - performance.now();
    if (due > 0) await new Promise((r) => setTimeout(r, due));
    const started = performance.now();
    await act(c.counter, id, receiveSteps);
    for (;;) {
      const { rows } = await server.store.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM documents WHERE collection = 'dossier_events' AND doc->>'dossierId' = $1`,
        [id],
      );
      if (rows[0]!.n > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    waits.push(seconds(performance.now() - started));
  }
  return waits;
}

async function dossiersBehindScans(server: SeededServer) {
  const proxy = new TestProxy({ targetPort: server.port, ...POOR_LINK });
  await proxy.start();
  try {
    const quiet = await openBenchCounter(server, { sync: proxy.url, scans: proxy.url });
    await quiet.counter.sync!.endOfDaySync(60_000);
    const alone = await dayOfDossiers(server, quiet, 'alone').finally(() => quiet.close());
    const busy = await openBenchCounter(server, { sync: proxy.url, scans: proxy.url });
    try {
      await busy.counter.sync!.endOfDaySync(60_000);
      await act(busy.counter, 'day-scans', receiveSteps);
      await busy.side.attach('day-scans', scanBytes(DAY_SCANS_MB * MB).bytes);
      // Well under way: the chunks have grown to the line's measured rate.
      await firstValueFrom(busy.side.host.queue$.pipe(filter((s) => (s?.current?.sent ?? 0) > 128 * 1024)));
      const sentBefore = busy.side.host.uploader!.snapshot.current?.sent ?? 0;
      const behind = await dayOfDossiers(server, busy, 'behind');
      const sentDuring = (busy.side.host.uploader!.snapshot.current?.sent ?? 0) - sentBefore;
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const extra = mean(behind) - mean(alone);
      log(
        `a day's dossiers on the poor link (${DAY_DOSSIERS} dossiers, one every ${fmt(seconds(DAY_EVERY_MS), 1)} s, each until on the server):`,
      );
      log(
        `  no scans (baseline):  mean ${fmt(mean(alone), 2)} s, median ${fmt(median(alone), 2)} s, max ${fmt(Math.max(...alone), 2)} s`,
      );
      log(
        `  behind ${DAY_SCANS_MB} MB of scans: mean ${fmt(mean(behind), 2)} s, median ${fmt(median(behind), 2)} s, max ${fmt(Math.max(...behind), 2)} s`,
      );
      log(
        `  scans sent meanwhile: ${fmt(sentDuring / 1024)} KB; extra wait per dossier ${fmt(extra, 2)} s (ratio ${fmt(mean(behind) / mean(alone), 2)})`,
      );
      return Math.max(0, extra);
    } finally {
      await busy.close();
    }
  } finally {
    await proxy.stop();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  log('bench:scans starting the server (embedded PostgreSQL) …');
  const server = await startSeededServer();
  const sink = await startSink();
  try {
    const loopbackMbS = await loopback(server, sink.port);
    const poorKbS = await poorLink(server, sink.port);
    const resumePct = await resumption(server);
    const waitS = await dossiersBehindScans(server);
    log(`(${counterCount} counters, ${fmt(seconds(performance.now() - started))} s in all)`);
    log(
      `bench:scans loopback_mb_s=${loopbackMbS.toFixed(1)} poor_link_kb_s=${poorKbS.toFixed(1)} ` +
        `resume_overhead_pct=${resumePct.toFixed(2)} dossier_wait_s=${waitS.toFixed(2)}`,
    );
  } finally {
    await new Promise((ok) => sink.server.close(ok));
    rmSync(sink.dir, { recursive: true, force: true });
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
