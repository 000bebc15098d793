import type { ReportRecord } from '../../shared/reports';
import type { StoredReportRecord } from './report-records-store';

/**
 * A pack's text (./report-records-store.ts): one JSON array, `[words, ...entries]`, each entry
 * `[id, lastAt, receivedOn, ...the record's fields in FIELDS order]`, the fields repeated across a
 * day's records (procedure name, office, sector, procedure, channel, receiver) as indexes into
 * `words`. Without field names and repeats a pack is a fraction as long and parses faster; with
 * every character past ASCII escaped, the text
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

/** The positions in FIELDS of the fields kept once per pack, in `words`. */
const WORDS_FROM = 2;
const WORDS_TO = 7;

const PAST_ASCII = /[\u0080-\uffff]/g;
const escape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function packText(entries: readonly StoredReportRecord[]): string {
  const words: string[] = [];
  const indexes = new Map<string, number>();
  const word = (value: string): number => {
    let at = indexes.get(value);
    if (at === undefined) indexes.set(value, (at = words.push(value) - 1));
    return at;
  };
  const rows = entries.map(({ id, lastAt, receivedOn, record }) => [
    id,
    lastAt,
    receivedOn,
    ...FIELDS.map((field, i) =>
      i >= WORDS_FROM && i <= WORDS_TO ? word(record[field] as string) : record[field],
    ),
  ]);
  return JSON.stringify([words, ...rows]).replace(PAST_ASCII, escape);
}

type R = ReportRecord;
/** A record from its values (after the entry's three), as one literal: one shape for every record. */
const recordOf = (v: unknown[], w: string[]): ReportRecord => ({
  dossierId: v[3] as R['dossierId'],
  code: v[4] as R['code'],
  procedureName: w[v[5] as number] as R['procedureName'],
  officeId: w[v[6] as number] as R['officeId'],
  sectorId: w[v[7] as number] as R['sectorId'],
  procedureId: w[v[8] as number] as R['procedureId'],
  channel: w[v[9] as number] as R['channel'],
  receiverId: w[v[10] as number] as R['receiverId'],
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
  const [words, ...rows] = JSON.parse(text) as [string[], ...unknown[][]];
  return rows.map((row) => ({
    id: row[0] as string,
    lastAt: row[1] as string,
    receivedOn: row[2] as string,
    record: recordOf(row, words),
  }));
}

/** The records of a pack whose `lastAt` and `receivedOn` pass `keep`, appended to `out`. */
export function unpackRecords(
  text: string,
  keep: (lastAt: string, receivedOn: string) => boolean,
  out: ReportRecord[],
): void {
  const pack = JSON.parse(text) as unknown[][];
  const words = pack[0] as string[];
  for (let i = 1; i < pack.length; i++) {
    const row = pack[i]!;
    if (keep(row[1] as string, row[2] as string)) out.push(recordOf(row, words));
  }
}
