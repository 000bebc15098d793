/**
 * CPU time as Linux counts it (/proc), for the benchmark's "where did the work go" figures; every
 * function answers null where there is no /proc (the figures are then left out).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';

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

/** The fields of /proc/<pid>/stat after the command name (the 3rd field first), or null. */
function statFields(pid: number): string[] | null {
  try {
    // The command name (2nd field) may hold spaces: the fields are counted after its closing ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // no /proc, or the process exited
  }
}

/** CPU seconds (user and system) one running process has used so far. */
export function processCpuS(pid: number): number | null {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S : null; // utime, stime (fields 14 and 15)
}

/**
 * The running processes descended from `root` (its children, theirs, and so on): on a machine shared
 * with other work, the processes a benchmark started, told apart from others of the same name.
 */
export function descendantPids(root: number): number[] {
  if (!existsSync('/proc')) return [];
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(statFields(Number(entry))?.[1]); // ppid (field 4)
    if (!Number.isInteger(parent)) continue;
    const list = children.get(parent);
    if (list) list.push(Number(entry));
    else children.set(parent, [Number(entry)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0)
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  return found;
}

/** CPU seconds this process has used so far (user and system). */
export function ownCpuS(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
