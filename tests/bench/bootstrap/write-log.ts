/**
 * bench:bootstrap's account of the storage writes (each storage bulkWrite is one IndexedDB
 * transaction in RxDB's Dexie storage): how many each phase costs per database and context, and
 * for the steps taken while the history arrives, how long each waited behind a history write in
 * flight on the same database. Wraps the instances' bulkWrite in the bench page only.
 */

/** What of a storage instance is watched: its bulk write. */
type Writable = { bulkWrite(rows: unknown[], context: string): Promise<unknown> };
type Entry = { store: string; context: string; rows: number; t0: number; t1: number };

export interface WriteLog {
  /** Logs the bulk writes of an instance under `store` from now on. */
  watch(store: string, instance: object): void;
  /** Starts a new section (a phase): the summary is per section. */
  section(name: string): void;
  /** A step's write ran over [t0, t1]. */
  step(t0: number, t1: number): void;
  summary(): string[];
}

const STEP_CONTEXTS = /rx-collection|rx-document/;

export function writeLog(): WriteLog {
  const sections: { name: string; entries: Entry[]; steps: [number, number][] }[] = [];
  let current = { name: 'start', entries: [] as Entry[], steps: [] as [number, number][] };
  sections.push(current);
  return {
    watch(store, target) {
      const instance = target as Writable;
      const inner = instance.bulkWrite.bind(instance);
      instance.bulkWrite = async (rows, context) => {
        const t0 = performance.now();
        try {
          return await inner(rows, context);
        } finally {
          current.entries.push({ store, context, rows: rows.length, t0, t1: performance.now() });
        }
      };
    },
    section(name) {
      current = { name, entries: [], steps: [] };
      sections.push(current);
    },
    step(t0, t1) {
      current.steps.push([t0, t1]);
    },
    summary() {
      const out: string[] = [];
      for (const s of sections) {
        if (s.entries.length === 0) continue;
        out.push(`writes in ${s.name}:`);
        const by = new Map<string, { n: number; rows: number; ms: number; max: number }>();
        for (const e of s.entries) {
          const key = `${e.store} ${STEP_CONTEXTS.test(e.context) ? 'step' : e.context.replace(/-[0-9a-z]{8,}$/, '')}`;
          const a = by.get(key) ?? { n: 0, rows: 0, ms: 0, max: 0 };
          a.n++;
          a.rows += e.rows;
          a.ms += e.t1 - e.t0;
          a.max = Math.max(a.max, e.t1 - e.t0);
          by.set(key, a);
        }
        for (const [key, a] of [...by].sort((x, y) => y[1].ms - x[1].ms))
          out.push(
            `  ${key}: ${a.n} writes, ${a.rows} rows, ${(a.ms / 1000).toFixed(1)} s in flight, mean ${(a.ms / a.n).toFixed(1)} ms, max ${a.max.toFixed(0)} ms`,
          );
        if (s.steps.length === 0) continue;
        // For each step, how long a background write (not the step's own) was in flight during
        // it: on the step's own databases (the same object stores), and on the replication's.
        const inFlight = (onMeta: boolean) => {
          const background = s.entries.filter(
            (e) => !STEP_CONTEXTS.test(e.context) && e.store.endsWith(' meta') === onMeta,
          );
          const sorted = s.steps
            .map(([t0, t1]) =>
              background.reduce((sum, e) => sum + Math.max(0, Math.min(t1, e.t1) - Math.max(t0, e.t0)), 0),
            )
            .sort((a, b) => a - b);
          const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
          return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`;
        };
        out.push(
          `  steps: ${s.steps.length}; background writes in flight during a step on the documents' databases: ${inFlight(false)}; on the replication's meta databases: ${inFlight(true)}`,
        );
      }
      return out;
    },
  };
}
