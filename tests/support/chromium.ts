/** Debian's Chromium as the e2e suite and the PDF tests launch it (never a downloaded browser). */
import { CHROMIUM_ARGS as HEADLESS_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

export { CHROMIUM_PATH };

/** The switches every launch passes: the benchmarks' headless ones, and no GPU. */
export const CHROMIUM_ARGS = [...HEADLESS_ARGS, '--disable-gpu'];
