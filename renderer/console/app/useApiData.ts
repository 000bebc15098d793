import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors';

/**
 * Loads `load` (memoised by the caller) and again on reload(); answers its data (`initial` until
 * then) and the translated error of the last failed load.
 */
export function useApiData<T>(
  load: () => Promise<T>,
  initial: T,
): { data: T; error: string | null; reload: () => void } {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ data: T; error: string | null }>({ data: initial, error: null });
  useEffect(() => {
    let cancelled = false;
    load().then(
      (data) => {
        if (!cancelled) setState({ data, error: null });
      },
      (err: unknown) => {
        if (!cancelled) setState((s) => ({ ...s, error: errorText(t, err) }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [load, version, t]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}
