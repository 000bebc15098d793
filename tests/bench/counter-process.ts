/**
 * Starts the benchmark's receiving counter (receiving-counter.ts) in its own Node process and
 * resolves `done` when it holds everything it was told to expect.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { childNodeArgs } from './node-args';

const SCRIPT = fileURLToPath(new URL('./receiving-counter.ts', import.meta.url));

export interface ReceivingCounterOptions {
  office: string;
  counter: string;
  token: string;
  serverUrl: string;
  dossiers: number;
  events: number;
}

/** What the receiving counter reports once it holds everything. */
export interface ReceiverDone {
  /** Milliseconds from its connect. */
  ms: number;
  /** CPU seconds its process used meanwhile (user and system). */
  cpuS: number;
  /** How that CPU time splits, where it is more than one process (Chromium's). */
  cpuDetail?: string;
}

export async function startReceivingCounter(
  opts: ReceivingCounterOptions,
): Promise<{ done: Promise<ReceiverDone> }> {
  const child = spawn(process.execPath, [...childNodeArgs(process.env.BENCH_RECEIVER_PROFILE), SCRIPT], {
    env: {
      ...process.env,
      OFFICE: opts.office,
      COUNTER: opts.counter,
      TOKEN: opts.token,
      SERVER_URL: opts.serverUrl,
      DOSSIERS: String(opts.dossiers),
      EVENTS: String(opts.events),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  let ready!: () => void;
  let fail!: (err: Error) => void;
  const readyP = new Promise<void>((ok, no) => ((ready = ok), (fail = no)));
  const done = new Promise<ReceiverDone>((ok, no) => {
    lines.on('line', (line) => {
      if (line === 'READY') ready();
      else if (line.startsWith('DONE ')) {
        const [ms, cpuMs] = line.slice(5).split(' ').map(Number);
        ok({ ms: ms!, cpuS: cpuMs! / 1000 });
      }
    });
    child.once('exit', (code) => {
      const err = new Error(`receiving counter exited with ${code}`);
      fail(err);
      no(err);
    });
  });
  done.catch(() => {});
  await readyP;
  return { done };
}
