export * from './primitives';
export * from './roles';
export * from './office';
export * from './officer';
export * from './procedure';
export * from './applicant';
export * from './dossier';
export * from './event';
