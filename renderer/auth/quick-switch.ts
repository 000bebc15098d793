import type { Officer, Role } from '../../shared/domain';

/**
 * Quick switch between the officers of a shared counter PC ("5 tại chỗ" changes hands several times
 * per dossier). An officer who signed in today with their full password may set a short PIN; until
 * the day ends, `idleMs` passes without using it, or `maxFailures` wrong PINs in a row, that PIN
 * brings their session back on this PC. Kept in memory only: a reload, a restart or another PC asks
 * for the full password again. The data key stays open meanwhile (it already is between officers),
 * so the trade is only this: whoever learns a colleague's PIN can act as them on this PC today.
 */
export const QUICK_SWITCH_POLICY = {
  minDigits: 4,
  maxDigits: 8,
  maxFailures: 3,
  idleMs: 4 * 60 * 60_000,
  /** PBKDF2-SHA256 rounds over the PIN: slows guessing from a memory dump, still well under 0.1 s. */
  iterations: 100_000,
} as const;

export type PinProblem = 'pin.format' | 'pin.trivial';

/** Why `pin` may not be a quick-switch PIN (i18n keys 'pin.*'), or null when it may. */
export function pinProblem(pin: string): PinProblem | null {
  const { minDigits, maxDigits } = QUICK_SWITCH_POLICY;
  if (!new RegExp(`^\\d{${minDigits},${maxDigits}}$`).test(pin)) return 'pin.format';
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - (digits[i] ?? 0)));
  // One digit repeated, or a run up or down (1234, 9876): the first PINs anyone tries.
  if (steps.size === 1 && [0, 1, -1].includes([...steps][0] ?? 2)) return 'pin.trivial';
  return null;
}

/** An officer with the role they act in. */
export interface ActingOfficer {
  officer: Officer;
  role: Role;
}

interface Entry extends ActingOfficer {
  salt: Uint8Array;
  hash: Uint8Array;
  day: string;
  lastUsed: number;
  failures: number;
}

export type QuickSwitchResult =
  | ({ ok: true } & ActingOfficer)
  | { ok: false; reason: 'pin.wrong'; attemptsLeft: number }
  | { ok: false; reason: 'pin.expired' | 'pin.too_many' };

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    256,
  );
  return new Uint8Array(bits);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** The local calendar day of `ms` (a PIN lasts until the counter's day ends). */
const dayOf = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
};

export type QuickSwitch = ReturnType<typeof createQuickSwitch>;

export function createQuickSwitch(
  options: { now?: () => number; iterations?: number; idleMs?: number; maxFailures?: number } = {},
) {
  const now = options.now ?? Date.now;
  const iterations = options.iterations ?? QUICK_SWITCH_POLICY.iterations;
  const idleMs = options.idleMs ?? QUICK_SWITCH_POLICY.idleMs;
  const maxFailures = options.maxFailures ?? QUICK_SWITCH_POLICY.maxFailures;
  const entries = new Map<string, Entry>();
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((l) => l());

  const live = (entry: Entry) => entry.day === dayOf(now()) && now() - entry.lastUsed < idleMs;
  const drop = (officerId: string) => {
    if (entries.delete(officerId)) emit();
  };

  return {
    /** Sets (or replaces) the PIN of an officer signed in now with their password, acting in `role`. */
    async enrol(officer: Officer, role: Role, pin: string): Promise<void> {
      const problem = pinProblem(pin);
      if (problem) throw new Error(problem);
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const hash = await derive(pin, salt, iterations);
      entries.set(officer.id, { officer, role, salt, hash, day: dayOf(now()), lastUsed: now(), failures: 0 });
      emit();
    },
    /** The officers who can come back with their PIN now, most recently active first. */
    available(): ActingOfficer[] {
      for (const [id, entry] of entries) if (!live(entry)) entries.delete(id);
      return [...entries.values()]
        .sort((a, b) => b.lastUsed - a.lastUsed)
        .map(({ officer, role }) => ({ officer, role }));
    },
    has: (officerId: string): boolean => {
      const entry = entries.get(officerId);
      return entry !== undefined && live(entry);
    },
    /** Checks `pin` for this officer; after `maxFailures` wrong ones the PIN is gone for the day. */
    async unlock(officerId: string, pin: string): Promise<QuickSwitchResult> {
      const entry = entries.get(officerId);
      if (!entry || !live(entry)) {
        drop(officerId);
        return { ok: false, reason: 'pin.expired' };
      }
      const ok = sameBytes(await derive(pin, entry.salt, iterations), entry.hash);
      if (!ok) {
        entry.failures += 1;
        if (entry.failures >= maxFailures) {
          drop(officerId);
          return { ok: false, reason: 'pin.too_many' };
        }
        return { ok: false, reason: 'pin.wrong', attemptsLeft: maxFailures - entry.failures };
      }
      entry.failures = 0;
      entry.lastUsed = now();
      return { ok: true, officer: entry.officer, role: entry.role };
    },
    /** Remembers the role the officer last acted in (they come back in it). */
    touch(officerId: string, role: Role): void {
      const entry = entries.get(officerId);
      if (!entry) return;
      entry.role = role;
      entry.lastUsed = now();
    },
    /** The officer's record changed (a sync or this PC): the PIN goes with a reset, a deactivation or new roles. */
    refresh(officer: Officer): void {
      const entry = entries.get(officer.id);
      if (!entry) return;
      const sameVerifier = officer.verifier?.saltB64 === entry.officer.verifier?.saltB64;
      if (!officer.active || officer.mustChangePassword === true || !sameVerifier) drop(officer.id);
      else if (!officer.roles.includes(entry.role)) drop(officer.id);
      else entry.officer = officer;
    },
    forget: drop,
    clear(): void {
      entries.clear();
      emit();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
