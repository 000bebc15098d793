import type { SyncClient } from './client';

/** What the sync UI uses of the replication client (client.ts): its state and its actions. */
export type SyncHandle = Pick<
  SyncClient,
  | 'state$'
  | 'snapshot'
  | 'retry'
  | 'retryRejected'
  | 'resync'
  | 'endOfDaySync'
  | 'replications'
  | 'listConflicts'
  | 'resolveConflict'
  | 'findOnServer'
>;

/** Enrols this device with a one-time code and starts syncing (web mode; see connect.ts). */
export type Enroller = (input: { serverUrl: string; code: string }) => Promise<void>;

export interface SyncHostState {
  client: SyncHandle | null;
  enrol: Enroller | null;
}

/**
 * Holds the running sync client so the panel can be mounted before the replica is open (the app
 * opens its database after the first render). The wiring attaches the client when it has one.
 */
export interface SyncHost {
  get(): SyncHostState;
  subscribe(listener: () => void): () => void;
  attach(client: SyncHandle | null): void;
  setEnroller(enrol: Enroller | null): void;
}

export function createSyncHost(): SyncHost {
  let state: SyncHostState = { client: null, enrol: null };
  const listeners = new Set<() => void>();
  const set = (next: SyncHostState) => {
    state = next;
    for (const l of listeners) l();
  };
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    attach: (client) => set({ ...state, client }),
    setEnroller: (enrol) => set({ ...state, enrol }),
  };
}

/** The page's host: main.tsx mounts the panel on it, wiring.ts attaches the client to it. */
export const syncHost: SyncHost = createSyncHost();
