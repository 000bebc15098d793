import type { Subscription } from 'rxjs';
import type { EndOfDaySummary } from './client';
import type { SyncHandle } from './host';
import { vietnamDate } from '../../app/format';
import type { ScanDaySummary, ScanHost } from '../scans/host';

export type SummaryGroup = 'dossiers' | 'dossier_events' | 'catalogue';
export interface GroupCounts {
  sent: number;
  received: number;
}

/** The client's summary plus what the run moved, by kind, for the supervisor and the printout. */
export interface EndOfDayReport extends EndOfDaySummary {
  byGroup: Record<SummaryGroup, GroupCounts>;
  /** The scans: sent today and still going up on their own queue; absent where the page has none. */
  scans?: ScanDaySummary | null;
}

export interface EndOfDayProgress {
  /** Local changes waiting when the run started (the upload to do). */
  toSend: number;
  sent: number;
  received: number;
}

const groupOf = (collection: string): SummaryGroup =>
  collection === 'dossiers' || collection === 'dossier_events' ? collection : 'catalogue';

/**
 * Runs the client's end-of-day sync and counts, per kind, the distinct documents it sent and the
 * distinct documents it received. Counting here rather than trusting a running total because RxDB's
 * `received$` fires only for documents that changed the local replica, so a document this counter
 * sent and then pulled back is not counted as received, and one sent but refused is not counted as
 * sent.
 */
export async function runEndOfDay(
  client: SyncHandle,
  onProgress?: (p: EndOfDayProgress) => void,
  timeoutMs?: number,
): Promise<EndOfDayReport> {
  const sent = new Map<SummaryGroup, Set<string>>();
  const received = new Map<SummaryGroup, Set<string>>();
  const toSend = client.snapshot.pending;
  const total = (m: Map<SummaryGroup, Set<string>>, only?: SummaryGroup[]) =>
    [...m.entries()].reduce((n, [g, s]) => n + (!only || only.includes(g) ? s.size : 0), 0);
  const report = () =>
    onProgress?.({
      toSend,
      sent: total(sent, ['dossiers', 'dossier_events']),
      received: total(received),
    });
  const note = (m: Map<SummaryGroup, Set<string>>, collection: string, id: unknown) => {
    const g = groupOf(collection);
    const set = m.get(g) ?? new Set<string>();
    set.add(`${collection}/${String(id)}`);
    m.set(g, set);
    report();
  };
  const subs: Subscription[] = [];
  for (const [collection, rep] of client.replications) {
    subs.push(
      rep.sent$.subscribe((doc: { id?: unknown }) => note(sent, collection, doc.id)),
      rep.received$.subscribe((doc: { id?: unknown }) => note(received, collection, doc.id)),
    );
  }
  report();
  let summary: EndOfDaySummary;
  try {
    summary = await client.endOfDaySync(timeoutMs);
  } finally {
    for (const s of subs) s.unsubscribe();
  }
  const refused = new Set(summary.rejected.map((r) => `${r.collection}/${r.id}`));
  const count = (m: Map<SummaryGroup, Set<string>>, g: SummaryGroup) =>
    [...(m.get(g) ?? [])].filter((key) => !refused.has(key)).length;
  const byGroup = {} as Record<SummaryGroup, GroupCounts>;
  for (const g of ['dossiers', 'dossier_events', 'catalogue'] as const)
    byGroup[g] = { sent: count(sent, g), received: count(received, g) };
  return {
    ...summary,
    sent: byGroup.dossiers.sent + byGroup.dossier_events.sent,
    received: byGroup.dossiers.received + byGroup.dossier_events.received + byGroup.catalogue.received,
    byGroup,
  };
}

/** Midnight of `now`'s day in Vietnam time, the start of the scans counted as sent today. */
export const vietnamDayStart = (now: Date): string =>
  new Date(`${vietnamDate(now.toISOString())}T00:00:00+07:00`).toISOString();

/**
 * The supervisor's run: the dossiers' end-of-day sync, then the scans' part of the summary (sent
 * today, files and bytes still going up on their own queue). A failure to count the scans leaves
 * their part out rather than the run.
 */
export async function runEndOfDayWithScans(
  client: SyncHandle,
  scans: Pick<ScanHost, 'daySummary'>,
  onProgress?: (p: EndOfDayProgress) => void,
  now: () => Date = () => new Date(),
): Promise<EndOfDayReport> {
  const report = await runEndOfDay(client, onProgress);
  report.scans = await scans.daySummary(vietnamDayStart(now())).catch((error: unknown) => {
    console.error('scans: could not count them for the end-of-day summary', error);
    return null;
  });
  return report;
}
