import { createContext, useContext, type Context } from 'react';

/** A React context carrying one feature's service; the composition root provides it. */
export function serviceContext<T>(): Context<T | null> {
  return createContext<T | null>(null);
}

/** The feature's service from `context`; throws when the composition root did not provide it. */
export function useRequired<T>(context: Context<T | null>, name: string): T {
  const value = useContext(context);
  if (!value) throw new Error(`${name} missing`);
  return value;
}
