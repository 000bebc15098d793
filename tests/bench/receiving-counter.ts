/**
 * The benchmark's second counter in its own process (another PC at the same office): a real RxDB
 * replica with the real replication client, pulling from the server until it holds what it was told
 * to expect. Reads OFFICE, COUNTER, TOKEN, SERVER_URL, DOSSIERS and EVENTS from the
 * environment; prints `READY` once connected and `DONE <ms since connect> <CPU ms used since connect>` once
 * everything arrived.
 */
import { openCounter } from '../integration/harness';
import { allArrived } from './arrival';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`receiving counter: ${name} is not set`);
  return value;
};
const want = { d: Number(env('DOSSIERS')), e: Number(env('EVENTS')) };
const counter = await openCounter(env('OFFICE'), env('COUNTER'), env('TOKEN'));
const t0 = performance.now();
const cpu0 = process.cpuUsage();
counter.connect(env('SERVER_URL'));
process.stdout.write('READY\n');
await allArrived(counter.sync!, counter.db, want);
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `DONE ${(performance.now() - t0).toFixed(0)} ${((cpu.user + cpu.system) / 1000).toFixed(0)}\n`,
);
await counter.close();
process.exit(0);
