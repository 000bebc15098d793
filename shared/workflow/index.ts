/**
 * The dossier workflow ("5 tại chỗ"): a pure state machine and its hash-chained audit events.
 *
 * - decide(dossier | null, command, actor, at, head?) → the new dossier + its DossierEvent, or a
 *   `workflow.*` error. Commands are zod-validated (workflowCommandSchema); the table is TRANSITIONS.
 * - replay(events) folds events back into the dossier; verifyChain(events) checks the hash tree;
 *   validateHistory(events) re-decides every event (what the server runs on a push).
 * - availableCommands / NEEDS_ROLE / needsActionFrom drive the "needs my action" queue.
 * - normalizeSearchText builds diacritics-free search text.
 * Sample commands and dossiers for tests: tests/support/workflow-fixtures.ts.
 */
export * from './transitions';
export * from './commands';
export * from './decide';
export * from './chain';
export * from './available';
export * from './deadlines';
export * from './search-text';
export { canonicalJson, computeEventHash, HASHED_EVENT_FIELDS } from './hash';
export * from './rule-limits';
export * from './watch';
