/**
 * The roster's history as the push checks read it (table officer_role_periods, migration 13): the
 * periods an officer held a set of roles in an office. Roles are empty while the officer is inactive
 * or off the roster.
 */
export interface RolePeriod {
  roles: readonly string[];
  /** Start, ms since the epoch (-Infinity: held since before the history was kept). */
  from: number;
  /** End, ms since the epoch (Infinity: still held). */
  to: number;
}

/**
 * When a pushed event may really have happened: its date give or take the allowed clock skew, and
 * never after it reached the server.
 */
export function eventWindow(
  at: string,
  timing: { arrivedAt: number; clockSkewMs: number },
): { from: number; to: number } {
  const t = Date.parse(at);
  const from = t - timing.clockSkewMs;
  return { from, to: Math.max(from, Math.min(t + timing.clockSkewMs, timing.arrivedAt)) };
}

export type RoleVerdict =
  | { ok: true }
  /** Not an active officer of the office at any instant of the window. */
  | { ok: false; why: 'not_active' }
  /** Active, but never in this role during the window; `held` are the roles held then. */
  | { ok: false; why: 'role_not_held'; held: string[] };

/**
 * Whether the roster gave the officer `role` at some instant of `window` (periods of the event's
 * office only). A period [from, to) counts when it overlaps the window.
 */
export function roleHeldDuring(
  periods: readonly RolePeriod[],
  role: string,
  window: { from: number; to: number },
): RoleVerdict {
  const held = new Set<string>();
  for (const p of periods) {
    if (p.from > window.to || p.to <= window.from) continue;
    if (p.roles.includes(role)) return { ok: true };
    for (const r of p.roles) held.add(r);
  }
  return held.size === 0
    ? { ok: false, why: 'not_active' }
    : { ok: false, why: 'role_not_held', held: [...held] };
}
