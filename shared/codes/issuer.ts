import { type CounterCodeState, reserve } from './allocator';
import { CodesError } from './layout';

/** Where the counter keeps its allocator state (the renderer: one local-only RxDB document). */
export interface CodeStateStore {
  load(): Promise<CounterCodeState>;
  /** Must resolve only once the state is durably written (RxDB write acknowledged). */
  save(next: CounterCodeState): Promise<void>;
}

export interface CodeIssuer {
  /** Reserves, persists, and only then returns the code. Throws CodesError (key codes.*) when none is left. */
  issue(receivedAtIso: string): Promise<{ code: string; seq: number; source: 'lease' | 'fallback' }>;
  /** Any other state change (applyLease, reconcile, prune, markRestored), in the same queue. */
  update(change: (state: CounterCodeState) => CounterCodeState): Promise<CounterCodeState>;
}

/**
 * Wraps the pure allocator so the safe order is the only one on offer: load → reserve → save → code.
 * Calls are queued, so two quick clicks (or a background lease top-up) never read the same state.
 * One issuer per counter state; the app runs as a single instance (Electron single-instance lock).
 */
export function createCodeIssuer(store: CodeStateStore, deviceId: string): CodeIssuer {
  let queue: Promise<unknown> = Promise.resolve();
  const run = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    issue: (receivedAtIso) =>
      run(async () => {
        const reserved = reserve(await store.load(), receivedAtIso, deviceId);
        if (!reserved.ok) throw new CodesError(reserved.error);
        await store.save(reserved.state);
        return { code: reserved.code, seq: reserved.seq, source: reserved.source };
      }),
    update: (change) =>
      run(async () => {
        const before = await store.load();
        const after = change(before);
        if (after !== before) await store.save(after);
        return after;
      }),
  };
}
