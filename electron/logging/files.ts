// One log file per local day (motcua-2026-11-27.log) in userData/logs, the last N days kept:
// what IT staff ask for when a counter reports a problem "yesterday afternoon".
import fs from 'node:fs/promises';
import path from 'node:path';

export const LOG_FILE_PREFIX = 'motcua-';
export const DEFAULT_KEEP_DAYS = 30;
/** A day's file beyond this is rolled to motcua-YYYY-MM-DD.1.log so a runaway loop cannot fill the disk. */
export const MAX_LOG_FILE_BYTES = 20 * 1024 * 1024;

const LOG_NAME = /^motcua-(\d{4})-(\d{2})-(\d{2})(?:\.\d+)?\.log$/;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The counter PC's local calendar day (set to Asia/Ho_Chi_Minh on counters). */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function dailyLogFileName(date: Date): string {
  return `${LOG_FILE_PREFIX}${localDay(date)}.log`;
}

/** Names of log files older than `keepDays` days (today counts as one); other files are never touched. */
export function logFilesToPrune(fileNames: readonly string[], now: Date, keepDays: number): string[] {
  const oldestKept = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (Math.max(1, keepDays) - 1));
  const cutoff = localDay(oldestKept);
  return fileNames.filter((name) => {
    const match = LOG_NAME.exec(name);
    if (!match) return false;
    return `${match[1]}-${match[2]}-${match[3]}` < cutoff;
  });
}

export async function pruneLogs(
  directory: string,
  now: Date,
  keepDays = DEFAULT_KEEP_DAYS,
): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(directory);
  } catch {
    return [];
  }
  const doomed = logFilesToPrune(names, now, keepDays);
  await Promise.all(doomed.map((name) => fs.rm(path.join(directory, name), { force: true })));
  return doomed;
}

/** Next free roll-over name for a day's file that grew past MAX_LOG_FILE_BYTES. */
export function rolledLogFileName(existing: readonly string[], date: Date): string {
  const day = localDay(date);
  let index = 1;
  while (existing.includes(`${LOG_FILE_PREFIX}${day}.${index}.log`)) index += 1;
  return `${LOG_FILE_PREFIX}${day}.${index}.log`;
}

/** Context values that look like personal data are masked before they reach a file. */
export function redactContext(
  context: Record<string, string | number | boolean | null> | undefined,
): Record<string, string | number | boolean | null> | undefined {
  if (!context) return undefined;
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(context)) {
    const sensitive = /id.?number|cccd|cmnd|phone|address|password|token|secret|key|enrol/i.test(key);
    out[key] = sensitive && value !== null ? '[redacted]' : value;
  }
  return out;
}
