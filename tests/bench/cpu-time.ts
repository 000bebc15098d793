/**
 * CPU time as Linux counts it (/proc), for the benchmark's "where did the work go" figures; every
 * function answers null where there is no /proc (the figures are then left out).
 */
import { existsSync, readFileSync } from 'node:fs';

/** Linux's clock ticks per second for /proc times (USER_HZ: 100 on every Linux we run on). */
const TICKS_PER_S = 100;

/**
 * The machine's busy CPU time so far, in seconds (user, nice, system, irq, softirq of every core). Over
 * a trial it is the work of all four processes (the two counters, the server, PostgreSQL), which
 * share the cores.
 */
export function busyCpuS(): number | null {
  if (!existsSync('/proc/stat')) return null;
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (cpu[0]! + cpu[1]! + cpu[2]! + cpu[5]! + cpu[6]!) / TICKS_PER_S;
}

/** CPU seconds (user and system) one running process has used so far. */
export function processCpuS(pid: number): number | null {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return null;
  // The command name (2nd field) may hold spaces: the fields are counted after its closing ')'.
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S; // utime, stime (fields 14 and 15)
}

/** CPU seconds this process has used so far (user and system). */
export function ownCpuS(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
