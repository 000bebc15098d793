import { useState } from 'react';

/** The i18n key a failed call carries as its message (or the thrown value as text). */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A form's or dialog's submit: `busy` while `run`'s action is under way, and `failed` holds the
 * failure's message (its key put through `translate`) until the next run.
 */
export function useSubmit(translate: (key: string) => string) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setFailed(null);
    try {
      await action();
    } catch (error) {
      setFailed(translate(messageOf(error)));
    } finally {
      setBusy(false);
    }
  };
  return { busy, failed, setFailed, run };
}
