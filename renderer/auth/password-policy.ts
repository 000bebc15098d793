import { COMMON_PASSWORDS } from './common-passwords';

/** The rules an officer's own password follows (the one-time ones are generated to follow them). */
export const PASSWORD_POLICY = { minLength: 10, maxLength: 128 } as const;

export type PasswordProblem =
  | 'password.too_short'
  | 'password.too_long'
  | 'password.is_username'
  | 'password.common'
  | 'password.same_as_current';

/**
 * Why `password` may not be an officer's own password, or null when it may. `current`, when given,
 * is the password it replaces (a new one must differ). Message keys of renderer/i18n ('password.*').
 */
export function passwordProblem(
  password: string,
  username: string,
  current?: string,
): PasswordProblem | null {
  const chars = [...password.normalize('NFC')];
  if (chars.length < PASSWORD_POLICY.minLength) return 'password.too_short';
  if (chars.length > PASSWORD_POLICY.maxLength) return 'password.too_long';
  const lower = password.normalize('NFC').toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) return 'password.is_username';
  // Common words, also with digits and punctuation around them ("Matkhau@2024", "123vietnam").
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(core)) return 'password.common';
  // One character repeated, or a plain run of digits ("1234567890", "0000000000").
  if (new Set(chars).size <= 2) return 'password.common';
  if (/^\d+$/.test(lower) && isSequence(lower)) return 'password.common';
  if (current !== undefined && password === current) return 'password.same_as_current';
  return null;
}

/** Digits counting up or down by one ("34567890123", "9876543210"). */
function isSequence(digits: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < digits.length; i++) steps.add((Number(digits[i]) - Number(digits[i - 1]) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}
