/** Transitional re-export: printing lives in renderer/features/printing. Removed once wiring.ts imports it. */
export * from '../features/printing';
