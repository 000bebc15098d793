export const CHROMIUM_PATH: string;
export const CHROMIUM_ARGS: string[];
export function buildBenchPage(
  root: string,
  prefix: string,
  options?: { sourcemap?: boolean },
): Promise<string>;
export function serveBenchPage(dir: string): Promise<{ url: string; close(): Promise<void>; unref(): void }>;
