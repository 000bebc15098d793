/**
 * Offline login for counter officers.
 *   createVerifier(password, params?) → LoginVerifier (argon2id, salted; DEFAULT_KDF_PARAMS 64 MiB × 3)
 *   verifyPassword(verifier, password) → Promise<boolean> (constant-time compare)
 *   login(repo, username, password) → { ok: true, officer } | { ok: false, reason }  (repo: CounterRepository)
 *   loginWithLockout(repo, lockoutStore, username, password) → the same, or 'auth.locked_out' + until
 *   passwordProblem(password, username, current?) → null | 'password.*' (length, username, common)
 *   createCredentials(password) → { verifier, signingKey }; signingSeed(password, verifier) → seed
 *   createSessionStore({ lockAfterMs?=10 min }) → { get, subscribe, start(officer, role, office, counterId),
 *     setRole, touch, lock, unlock(password), signOut, actor() → shared/workflow Actor }
 */
export * from './verifier';
export * from './session';
export * from './login';
export * from './data-key';
export * from './lockout';
export * from './password-policy';
export * from './quick-switch';
