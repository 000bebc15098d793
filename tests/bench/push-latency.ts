/**
 * Part 2 of `npm run bench:sync`: push latency with many counters pushing at once. Each simulated
 * counter pushes its dossiers one by one (the events, then the dossier), as the replication client
 * does after each step at the counter, and every push's round trip is timed. The same pushes to a
 * minimal endpoint (plain-push-server.ts) give the baseline.
 *
 * The counters are other PCs in production; here they share the server's two cores. So the load
 * generator is made as light as it can be: request bodies are built before the clock starts (NDJSON,
 * gzip'd above the client's threshold, as the replication client sends them; a counter does that
 * on its own CPU), and requests go through node:http over kept-alive connections (one per counter
 * at a time, as a counter's browser keeps one); Node's fetch costs several times more CPU, taken from
 * the server it measures. The CPU of the generator, the server and the rest is printed beside the
 * latencies.
 *
 * The p95 of all pushes is the figure. It sits on the first wave: each counter's first push goes at
 * the same instant as the 49 others, on a new connection, to a server that has not run a push yet,
 * and those 5 % of the pushes wait longest. They are printed apart, with the p95 of the others.
 */
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bearer, type PushResponse } from '../../shared/sync/contract';
import { NDJSON_TYPE } from '../../shared/sync/ndjson';
import { encodeNdjson, GZIP_ABOVE_BYTES } from '../../renderer/features/sync/wire';
import { busyCpuS, ownCpuS, processCpuS } from './cpu-time';
import { fmt, percentile } from './figures';
import { spawnServer, type ServerChild } from './server-process';

/** One counter's pushes in order: a collection and its documents. */
export interface PushStep {
  collection: string;
  docs: Record<string, unknown>[];
}

export interface CounterWork {
  token: string;
  steps: PushStep[];
}

export interface PushLatency {
  pushes: number;
  wallS: number;
  p50: number;
  p95: number;
  max: number;
  /**
   * Each counter's first push alone (all of them at once, on new connections, to a server that had
   * not run a push yet): p50 and max; and the p95 of all the others.
   */
  firstPushes: { p50: number; max: number };
  laterP95: number;
  /** Seconds of CPU over the phase, where /proc tells them (null otherwise). */
  cpu: { generator: number; server: number | null; rest: number | null };
}

interface PreparedPush {
  token: string;
  path: string;
  body: Buffer;
  gzipped: boolean;
}

/** A push's rows as the replication client sends them: NDJSON, gzip'd above the client's threshold. */
function body(rows: unknown[]): { body: Buffer; gzipped: boolean } {
  const ndjson = encodeNdjson(rows);
  return ndjson.length > GZIP_ABOVE_BYTES
    ? { body: gzipSync(ndjson), gzipped: true }
    : { body: Buffer.from(ndjson), gzipped: false };
}

/** POSTs one push; resolves with the parsed answer and the HTTP status. */
function post(
  agent: http.Agent,
  base: URL,
  push: PreparedPush,
): Promise<{ status: number; json: PushResponse }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(push.path, base),
      {
        method: 'POST',
        agent,
        headers: {
          authorization: bearer(push.token),
          'content-type': NDJSON_TYPE,
          ...(push.gzipped ? { 'content-encoding': 'gzip' } : {}),
          'content-length': push.body.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as PushResponse,
            });
          } catch (err) {
            reject(err as Error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(push.body);
  });
}

/**
 * Runs every counter's pushes at once (each counter's in order) against the server at `url`, and
 * returns the latency percentiles. A refused push or document fails the run: the figure is only for
 * pushes the server accepted.
 */
export async function measurePushLatency(
  url: string,
  serverPid: number | undefined,
  counters: CounterWork[],
): Promise<PushLatency> {
  const base = new URL(url);
  const prepared = counters.map((c) =>
    c.steps.map((step): PreparedPush => ({
      token: c.token,
      path: `/sync/${step.collection}/push`,
      ...body(
        step.docs.map((d) => ({ newDocumentState: { ...d, _deleted: false }, assumedMasterState: null })),
      ),
    })),
  );
  const agent = new http.Agent({ keepAlive: true });
  const latencies: number[] = [];
  const first: number[] = [];
  const later: number[] = [];
  const cpu0 = { own: ownCpuS(), server: serverPid ? processCpuS(serverPid) : null, busy: busyCpuS() };
  const t0 = performance.now();
  try {
    await Promise.all(
      prepared.map(async (pushes) => {
        for (const [i, push] of pushes.entries()) {
          const s = performance.now();
          const { status, json } = await post(agent, base, push);
          const ms = performance.now() - s;
          latencies.push(ms);
          (i === 0 ? first : later).push(ms);
          if (status !== 200 || json.rejected.length)
            throw new Error(`push refused (${status}): ${JSON.stringify(json).slice(0, 300)}`);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  const wallS = (performance.now() - t0) / 1000;
  const generator = ownCpuS() - cpu0.own;
  const serverEnd = serverPid ? processCpuS(serverPid) : null;
  const server = cpu0.server !== null && serverEnd !== null ? serverEnd - cpu0.server : null;
  const busyEnd = busyCpuS();
  const rest =
    server !== null && cpu0.busy !== null && busyEnd !== null
      ? busyEnd - cpu0.busy - server - generator
      : null;
  return {
    pushes: latencies.length,
    wallS,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    max: percentile(latencies, 1),
    firstPushes: { p50: percentile(first, 0.5), max: percentile(first, 1) },
    laterP95: percentile(later, 0.95),
    cpu: { generator, server, rest },
  };
}

/** The phase's line of the benchmark's output (`server` names what was pushed to). */
export function describePushLatency(counters: number, r: PushLatency, server = 'the server'): string {
  const cpu =
    r.cpu.server === null || r.cpu.rest === null
      ? `; CPU of the load generator ${fmt(r.cpu.generator, 2)} s`
      : `; CPU: ${server === 'the server' ? 'server' : 'endpoint'} ${fmt(r.cpu.server, 2)} s, PostgreSQL and the rest ${fmt(r.cpu.rest, 2)} s, load generator ${fmt(r.cpu.generator, 2)} s`;
  return `${counters} counters at once to ${server}: ${fmt(r.pushes)} pushes in ${fmt(r.wallS, 2)} s, p50 ${fmt(r.p50, 1)} ms, p95 ${fmt(r.p95, 1)} ms, max ${fmt(r.max, 1)} ms${cpu}; of which each counter's first push (all at once, on new connections, the server's first pushes): p50 ${fmt(r.firstPushes.p50, 1)} ms, max ${fmt(r.firstPushes.max, 1)} ms; the other ${fmt(r.pushes - counters)}: p95 ${fmt(r.laterP95, 1)} ms`;
}

const PLAIN_PUSH_SERVER = fileURLToPath(new URL('./plain-push-server.ts', import.meta.url));

/**
 * The baseline endpoint (plain-push-server.ts) in its own process on the database at `pgUrl`: the
 * same pushes against it give the latency of HTTP, gzip, NDJSON and one INSERT on this machine
 * under the same load, without any of the server's checks.
 */
export function startPlainPushServer(pgUrl: string): Promise<ServerChild> {
  return spawnServer(PLAIN_PUSH_SERVER, { DATABASE_URL: pgUrl }, undefined);
}
