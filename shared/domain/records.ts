/** A shallow copy of a record without some of its keys (own enumerable keys, in their order). */
export function withoutKeys(
  from: Record<string, unknown>,
  leave: ReadonlySet<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(from)) if (!leave.has(key)) out[key] = from[key];
  return out;
}
