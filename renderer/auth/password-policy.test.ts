import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it.each([
    ['short', 'ngan-qua', 'password.too_short'],
    ['the username inside', 'tiepnhan-2026!', 'password.is_username'],
    ['the username, other case', 'TiepNhan#2026x', 'password.is_username'],
    ['a common password', '1234567890', 'password.common'],
    ['a common word with digits around', 'matkhau2024!!', 'password.common'],
    ['a common word with digits before', '2024vietnam!', 'password.common'],
    ['one repeated character', 'aaaaaaaaaaaa', 'password.common'],
    ['digits counting up', '34567890123', 'password.common'],
    ['digits counting down', '98765432109', 'password.common'],
    ['too long', 'x'.repeat(129) + 'Y1', 'password.too_long'],
  ])('refuses %s', (_, password, problem) => {
    expect(passwordProblem(password, 'tiepnhan')).toBe(problem);
  });

  it('accepts a long uncommon password, counting characters not bytes', () => {
    expect(passwordProblem('Hoa sen nở 2026', 'tiepnhan')).toBeNull();
    expect(passwordProblem('đường-lúa-chín', 'tiepnhan')).toBeNull();
    expect(passwordProblem('ab3k-9xqe-7mnr', 'lan')).toBeNull();
  });

  it('refuses the current password as the new one', () => {
    expect(passwordProblem('ab3k-9xqe-7mnr', 'lan', 'ab3k-9xqe-7mnr')).toBe('password.same_as_current');
    expect(passwordProblem('Hoa sen nở 2026', 'lan', 'ab3k-9xqe-7mnr')).toBeNull();
  });
});
