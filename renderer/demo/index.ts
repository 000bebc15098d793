export * from './seed';
export { DEMO_PROCEDURES, DEMO_SECTORS } from '../../shared/demo';
