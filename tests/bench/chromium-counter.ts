/**
 * The benchmark's second counter in real Chromium (BENCH_RECEIVER=chromium): the page of
 * tests/bench/receiver, built once with vite (production mode) and served from this process, runs the
 * app's database on IndexedDB and the app's replication client, as a counter PC does. The default
 * receiving counter (receiving-counter.ts) runs the same client on RxDB's memory storage in Node.
 * Chromium is found as the browser tests find it: CHROMIUM_PATH, else /usr/bin/chromium.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { buildBenchPage, CHROMIUM_ARGS, CHROMIUM_PATH, serveBenchPage } from '../../scripts/bench-page.mjs';
import type { ReceiverDone, ReceivingCounterOptions } from './counter-process';
import { descendantPids, processCpuS } from './cpu-time';

let served: Promise<string> | null = null;

/** Builds the page (once per benchmark run) and serves it; answers its URL. */
function servePage(): Promise<string> {
  served ??= (async () => {
    const server = await serveBenchPage(await buildBenchPage('tests/bench/receiver', 'bench-receiver-'));
    server.unref(); // served until the benchmark exits
    return server.url;
  })();
  return served;
}

/** The kind of a Chromium process: its --type (renderer, gpu-process, utility …), or browser. */
function kindOf(pid: string): string {
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  const type = cmdline.find((arg) => arg.startsWith('--type='))?.slice('--type='.length) ?? 'browser';
  const sub = cmdline
    .find((arg) => arg.startsWith('--utility-sub-type='))
    ?.split('.')
    .pop();
  return sub ? `${type} ${sub}` : type;
}

/**
 * CPU seconds used so far by the running Chromium processes this benchmark started (browser,
 * renderer, network, GPU), by pid. Others' Chromium on a shared machine (browser tests of other
 * work) are not counted.
 */
function ownChromiumCpu(): Map<number, { kind: string; s: number }> {
  const used = new Map<number, { kind: string; s: number }>();
  for (const pid of descendantPids(process.pid)) {
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (!comm.startsWith('chromium') && !comm.startsWith('chrome')) continue;
      used.set(pid, { kind: kindOf(String(pid)), s: processCpuS(pid) ?? 0 });
    } catch {
      continue; // exited meanwhile
    }
  }
  return used;
}

/**
 * CPU seconds by kind of process between two readings: processes running at the second, less what
 * they had used at the first (one that exited in between is not counted).
 */
function cpuByKindBetween(
  before: Map<number, { s: number }>,
  after: Map<number, { kind: string; s: number }>,
): Map<string, number> {
  const byKind = new Map<string, number>();
  for (const [pid, { kind, s }] of after)
    byKind.set(kind, (byKind.get(kind) ?? 0) + s - (before.get(pid)?.s ?? 0));
  return byKind;
}

export async function startChromiumCounter(
  opts: ReceivingCounterOptions,
): Promise<{ done: Promise<ReceiverDone> }> {
  const url = new URL(await servePage());
  url.search = new URLSearchParams({
    server: opts.serverUrl,
    token: opts.token,
    dossiers: String(opts.dossiers),
    events: String(opts.events),
  }).toString();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url.toString());
  await page.evaluate(() => window.__receiver.ready);
  // BENCH_RECEIVER_PROFILE=dir: a CPU profile of the page (its JavaScript thread) into dir.
  const profileDir = process.env.BENCH_RECEIVER_PROFILE;
  const cdp = profileDir ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const cpu0 = ownChromiumCpu();
  const done = (async (): Promise<ReceiverDone> => {
    try {
      const ms = await page.evaluate(() => window.__receiver.done);
      const used = [...cpuByKindBetween(cpu0, ownChromiumCpu())];
      const cpuS = used.reduce((sum, [, s]) => sum + s, 0);
      const byKind = used.filter(([, s]) => s >= 0.05).map(([kind, s]) => `${kind} ${s.toFixed(1)} s`);
      if (cdp && profileDir) {
        const { profile } = await cdp.send('Profiler.stop');
        mkdirSync(profileDir, { recursive: true });
        writeFileSync(
          join(profileDir, `chromium-receiver.${Date.now()}.cpuprofile`),
          JSON.stringify(profile),
        );
      }
      return { ms, cpuS, cpuDetail: `Chromium processes: ${byKind.join(', ')}` };
    } catch (err) {
      throw new Error(
        `Chromium receiving counter: ${String(err)}; page errors: ${errors.slice(0, 5).join(' | ')}`,
      );
    } finally {
      await browser.close();
    }
  })();
  done.catch(() => {});
  return { done };
}
