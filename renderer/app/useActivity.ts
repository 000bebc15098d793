import { useEffect, useRef } from 'react';

/**
 * Reports keyboard, mouse and touch input to the session store, which locks the counter after a
 * period without any (counter PCs are shared).
 */
export function useActivity(active: boolean, touch: () => void): void {
  const touchRef = useRef(touch);
  useEffect(() => {
    touchRef.current = touch;
  }, [touch]);
  useEffect(() => {
    if (!active) return;
    const onInput = () => touchRef.current();
    const events = ['keydown', 'mousedown', 'mousemove', 'touchstart', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, onInput, { passive: true });
    return () => {
      for (const name of events) window.removeEventListener(name, onInput);
    };
  }, [active]);
}

/** Lock delay: 5 minutes, or `?lockMs=` (at least 1 s) so a test can see the lock happen. */
export function lockDelayMs(): number {
  const value = Number(new URLSearchParams(location.search).get('lockMs'));
  return Number.isFinite(value) && value >= 1000 ? value : 5 * 60_000;
}
