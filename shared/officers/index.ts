/**
 * Officers' credentials and the changes a counter makes to them (password set or reset, active
 * flag), and the office admin's requests about its counters (counter-changes.ts), all signed by the
 * acting officer and re-checked by the server. See credentials.ts, changes.ts.
 */
export * from './credentials';
export * from './changes';
export * from './argon2';
export * from './counter-changes';
