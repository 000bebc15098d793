import { useCallback, useSyncExternalStore } from 'react';
import type { SyncState } from './client';
import type { SyncHandle, SyncHost, SyncHostState } from './host';

export function useSyncHost(host: SyncHost): SyncHostState {
  return useSyncExternalStore(host.subscribe, host.get);
}

/** The client's live state, or null while no client runs (device not enrolled yet). */
export function useSyncState(client: SyncHandle | null): SyncState | null {
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!client) return () => undefined;
      const sub = client.state$.subscribe(listener);
      return () => sub.unsubscribe();
    },
    [client],
  );
  const get = useCallback(() => client?.snapshot ?? null, [client]);
  return useSyncExternalStore(subscribe, get);
}
