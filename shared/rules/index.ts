export * from './rule-sets';
