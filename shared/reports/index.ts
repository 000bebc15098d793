export * from './record';
export * from './period-report';
