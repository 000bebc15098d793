export * from './contract';
export * from './merge';
