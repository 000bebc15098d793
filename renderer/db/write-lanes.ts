/**
 * Two lanes of writes into one replica, so background bulk work never stands in front of the
 * counter's own writes:
 * - the foreground lane: a step's write (repository.applyStep) marks itself here while it runs;
 *   a background writer waits for it to be empty before its next chunk;
 * - the bulk lane: a long background download (the first download's history) says while it runs;
 *   what follows every change (the report records) waits for its end and catches up once, instead
 *   of after every chunk.
 * One pair per database object: tests open several replicas in one process.
 */
type Listener = () => void;

export interface WriteLanes {
  /** Runs `task` in the foreground lane. */
  foreground<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves once no foreground write is pending (at once when none is). */
  foregroundIdle(): Promise<void>;
  /** Marks a bulk under way until the answered function is called. */
  beginBulk(): () => void;
  readonly bulkActive: boolean;
  /** Calls back each time the last bulk under way ends; answers how to stop listening. */
  onBulkEnd(listener: Listener): () => void;
}

function createLanes(): WriteLanes {
  let pending = 0;
  let idleWaiters: Listener[] = [];
  let bulks = 0;
  const bulkEndListeners = new Set<Listener>();
  return {
    async foreground(task) {
      pending++;
      try {
        return await task();
      } finally {
        if (--pending === 0) {
          const waiting = idleWaiters;
          idleWaiters = [];
          for (const wake of waiting) wake();
        }
      }
    },
    foregroundIdle: () =>
      pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)),
    beginBulk() {
      bulks++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        if (--bulks === 0) for (const listener of [...bulkEndListeners]) listener();
      };
    },
    get bulkActive() {
      return bulks > 0;
    },
    onBulkEnd(listener) {
      bulkEndListeners.add(listener);
      return () => void bulkEndListeners.delete(listener);
    },
  };
}

const lanes = new WeakMap<object, WriteLanes>();

/** The lanes of a database (the RxDatabase the collections belong to). */
export function writeLanesOf(database: object): WriteLanes {
  let found = lanes.get(database);
  if (!found) {
    found = createLanes();
    lanes.set(database, found);
  }
  return found;
}

/**
 * Gives the event loop back between two chunks of background work, at the browser's background
 * priority where it has one (scheduler.postTask), else after the tasks already queued.
 */
export function yieldToForeground(): Promise<void> {
  const scheduler = (
    globalThis as {
      scheduler?: { postTask?: (task: () => void, opts: { priority: string }) => Promise<void> };
    }
  ).scheduler;
  if (scheduler?.postTask) return scheduler.postTask(() => undefined, { priority: 'background' });
  return new Promise((resolve) => setTimeout(resolve, 0));
}
