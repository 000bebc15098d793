export { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
export function buildBenchPage(
  root: string,
  prefix: string,
  options?: { sourcemap?: boolean },
): Promise<string>;
export function serveBenchPage(
  dir: string,
  port?: number,
): Promise<{ url: string; close(): Promise<void>; unref(): void }>;
