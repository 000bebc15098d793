export * from './record';
export * from './period-report';
export * from './daily';
export * from './index766';
