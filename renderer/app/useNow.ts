import { useEffect, useState } from 'react';

/**
 * Now as an ISO string, moved on every `everyMs`: what a screen shows from the clock (an
 * appointment, an overdue flag) follows it without any change in the replica.
 */
export function useNow(everyMs: number): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date().toISOString()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
