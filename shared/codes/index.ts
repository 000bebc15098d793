export * from './dossier-code';
export * from './layout';
export * from './lease';
export * from './allocator';
export * from './issuer';
export * from './enrolled';
