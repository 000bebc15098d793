import { createContext, useContext, useEffect, useState } from 'react';

/** Subscribes to the replica's dossier changes (local writes or sync); returns the unsubscribe. */
export type OnReplicaChange = (listener: () => void) => () => void;

export const ReplicaChangesContext = createContext<OnReplicaChange | null>(null);

/**
 * Loads data and reloads it whenever the replica changes (a local step, or sync), so every list on
 * screen shows what is in the database now. `deps` restart the load.
 */
export function useLive<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): { data: T | undefined; error: Error | null; loading: boolean } {
  const onChange = useContext(ReplicaChangesContext);
  if (!onChange) throw new Error('ReplicaChangesContext missing');
  const [state, setState] = useState<{ data: T | undefined; error: Error | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  useEffect(() => {
    let cancelled = false;
    let generation = 0;
    const run = () => {
      const mine = ++generation;
      load().then(
        (data) => {
          if (!cancelled && mine === generation) setState({ data, error: null, loading: false });
        },
        (error: unknown) => {
          if (!cancelled && mine === generation)
            setState((s) => ({
              ...s,
              error: error instanceof Error ? error : new Error(String(error)),
              loading: false,
            }));
        },
      );
    };
    run();
    const off = onChange(run);
    return () => {
      cancelled = true;
      off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [onChange, ...deps]);
  return state;
}
