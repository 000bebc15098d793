/**
 * 128 random bits as hex: a request, change or replica id. getRandomValues, not randomUUID, which a
 * page served over plain HTTP on the office network does not have.
 */
export function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/** Throws an error whose message is an i18n key (the screen translates it). */
export const fail = (key: string): never => {
  throw new Error(key);
};
