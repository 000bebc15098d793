/**
 * The demo office's data (office, counter, officers with precomputed verifiers, sectors,
 * procedures, holiday schedules): pure data used by the counter app's local seed and the server's
 * SEED_DEMO seed, so both sides hold the very same documents.
 */
export * from './office';
export { DEMO_PROCEDURES, DEMO_SECTORS } from './catalogue';
export { DEMO_VERIFIERS } from './verifiers';
export { demoHolidaySchedules } from './holidays';
