export * from './rule-sets';
export * from './procedure-versions';
