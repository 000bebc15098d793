import type { ReportRecord } from '../../shared/reports';
import type { StoredReportRecord } from './report-records-store';

/**
 * A pack's text (./report-records-store.ts): its records as one JSON array of value arrays, each
 * `[id, lastAt, receivedOn, ...the record's fields in FIELDS order]`. Without the field names a
 * pack is about half as long and parses faster; with every character past ASCII escaped, the text
 * stays a one-byte string, which IndexedDB stores at half the size of a two-byte one (a small
 * value is kept inline, a large one in a file of its own: slower to read).
 */

/** The order of a record's values in a pack (recordOf reads them back in the same order). */
const FIELDS = [
  'dossierId',
  'code',
  'procedureName',
  'officeId',
  'sectorId',
  'procedureId',
  'channel',
  'receiverId',
  'receivedAt',
  'resolvedAt',
  'resolution',
  'deadlineAtResolution',
  'returnedAt',
  'withdrawnAt',
  'stoppedAt',
  'supplementRequests',
  'deadlines',
  'rating',
  'componentsDigitisedAt',
  'resultDigitisedAt',
] as const satisfies readonly (keyof ReportRecord)[];

/** Every field of a record is in FIELDS (a field added to ReportRecord fails to compile here). */
const everyField: Exclude<keyof ReportRecord, (typeof FIELDS)[number]> extends never ? true : never = true;
void everyField;

const PAST_ASCII = /[\u0080-\uffff]/g;
const escape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function packText(entries: readonly StoredReportRecord[]): string {
  const rows = entries.map(({ id, lastAt, receivedOn, record }) => [
    id,
    lastAt,
    receivedOn,
    ...FIELDS.map((field) => record[field]),
  ]);
  return JSON.stringify(rows).replace(PAST_ASCII, escape);
}

type R = ReportRecord;
/** A record from its values (after the entry's three), as one literal: one shape for every record. */
const recordOf = (v: unknown[]): ReportRecord => ({
  dossierId: v[3] as R['dossierId'],
  code: v[4] as R['code'],
  procedureName: v[5] as R['procedureName'],
  officeId: v[6] as R['officeId'],
  sectorId: v[7] as R['sectorId'],
  procedureId: v[8] as R['procedureId'],
  channel: v[9] as R['channel'],
  receiverId: v[10] as R['receiverId'],
  receivedAt: v[11] as R['receivedAt'],
  resolvedAt: v[12] as R['resolvedAt'],
  resolution: v[13] as R['resolution'],
  deadlineAtResolution: v[14] as R['deadlineAtResolution'],
  returnedAt: v[15] as R['returnedAt'],
  withdrawnAt: v[16] as R['withdrawnAt'],
  stoppedAt: v[17] as R['stoppedAt'],
  supplementRequests: v[18] as R['supplementRequests'],
  deadlines: v[19] as R['deadlines'],
  rating: v[20] as R['rating'],
  componentsDigitisedAt: v[21] as R['componentsDigitisedAt'],
  resultDigitisedAt: v[22] as R['resultDigitisedAt'],
});

/** Every entry of a pack (to rewrite it). */
export function unpackText(text: string): StoredReportRecord[] {
  return (JSON.parse(text) as unknown[][]).map((row) => ({
    id: row[0] as string,
    lastAt: row[1] as string,
    receivedOn: row[2] as string,
    record: recordOf(row),
  }));
}

/** The records of a pack whose `lastAt` and `receivedOn` pass `keep`, appended to `out`. */
export function unpackRecords(
  text: string,
  keep: (lastAt: string, receivedOn: string) => boolean,
  out: ReportRecord[],
): void {
  for (const row of JSON.parse(text) as unknown[][]) {
    if (keep(row[1] as string, row[2] as string)) out.push(recordOf(row));
  }
}
