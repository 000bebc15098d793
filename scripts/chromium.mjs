// Debian's Chromium as the benchmarks, the e2e suite and the PDF tests launch it (never a
// downloaded browser). Plain JavaScript so that node scripts and TypeScript tests share it.

/** Debian's Chromium, or the one CHROMIUM_PATH names. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium here: no sandbox (containers), and nothing that reaches out to the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
