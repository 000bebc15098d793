/** Received and resolved per day of a period, for the report's chart. */
import { VN_OFFSET_MS } from '../codes/dossier-code';
import { addDays } from '../calendar/dates';
import type { ReportPeriod } from './period-report';
import type { ReportRecord } from './record';

export interface DayCount {
  /** 'YYYY-MM-DD' in Vietnam. */
  date: string;
  received: number;
  resolved: number;
}

const DAY_MS = 86_400_000;

export function dailyCounts(records: Iterable<ReportRecord>, period: ReportPeriod): DayCount[] {
  const days: DayCount[] = [];
  for (let date = period.from; date <= period.to; date = addDays(date, 1))
    days.push({ date, received: 0, resolved: 0 });
  // An instant's day in Vietnam as its place from the period's first day: arithmetic, not a date
  // string per instant (a year's report counts tens of thousands).
  const first = Date.parse(`${period.from}T00:00:00.000Z`) - VN_OFFSET_MS;
  const dayOf = (iso: string): DayCount | undefined => {
    const index = Math.floor((Date.parse(iso) - first) / DAY_MS);
    return index >= 0 ? days[index] : undefined;
  };
  for (const record of records) {
    if (record.receivedAt) {
      const day = dayOf(record.receivedAt);
      if (day) day.received += 1;
    }
    if (record.resolvedAt) {
      const day = dayOf(record.resolvedAt);
      if (day) day.resolved += 1;
    }
  }
  return days;
}
