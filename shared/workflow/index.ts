export * from './transitions';
export * from './commands';
export * from './decide';
export * from './chain';
export * from './available';
export * from './search-text';
export { canonicalJson, computeEventHash, HASHED_EVENT_FIELDS } from './hash';
