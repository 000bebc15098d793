import { vietnamParts } from '../../app/format';

/** `motcua-<agency code>-<counter>-<yyyy-mm-dd-hhmm>.mcbak`, the time in Vietnam time. */
export function backupFileName(agencyCode: string, counterId: string, now: Date): string {
  const p = vietnamParts(now.toISOString()) ?? {};
  const safe = (text: string) => text.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
  const stamp = `${p.year}-${p.month}-${p.day}-${p.hour}${p.minute}`;
  return `motcua-${safe(agencyCode)}-${safe(counterId)}-${stamp}.mcbak`;
}
