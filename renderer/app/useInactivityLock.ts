import { useEffect, useRef } from 'react';

/** Calls `onIdle` after `ms` without keyboard, mouse or touch input (counter PCs are shared). */
export function useInactivityLock(active: boolean, ms: number, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);
  useEffect(() => {
    if (!active) return;
    let timer = window.setTimeout(() => onIdleRef.current(), ms);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => onIdleRef.current(), ms);
    };
    const events = ['keydown', 'mousedown', 'mousemove', 'touchstart', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, reset);
    };
  }, [active, ms]);
}

/** Lock delay: 5 minutes, shorter when a test sets `?lockMs=` to exercise the lock. */
export function lockDelayMs(): number {
  const value = Number(new URLSearchParams(location.search).get('lockMs'));
  return Number.isFinite(value) && value >= 1000 ? value : 5 * 60_000;
}
