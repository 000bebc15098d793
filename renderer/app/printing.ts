/** Transitional re-export: printHtml lives in renderer/features/printing. Removed once wiring.ts imports it. */
export { printHtml } from '../features/printing';
