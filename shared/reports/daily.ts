/** Received and resolved per day of a period, for the report's chart. */
import { localDateVn } from '../codes/dossier-code';
import { addDays } from '../calendar/dates';
import type { ReportPeriod } from './period-report';
import type { ReportRecord } from './record';

export interface DayCount {
  /** 'YYYY-MM-DD' in Vietnam. */
  date: string;
  received: number;
  resolved: number;
}

export function dailyCounts(records: Iterable<ReportRecord>, period: ReportPeriod): DayCount[] {
  const days = new Map<string, DayCount>();
  for (let date = period.from; date <= period.to; date = addDays(date, 1))
    days.set(date, { date, received: 0, resolved: 0 });
  for (const record of records) {
    if (record.receivedAt) {
      const day = days.get(localDateVn(record.receivedAt));
      if (day) day.received += 1;
    }
    if (record.resolvedAt) {
      const day = days.get(localDateVn(record.resolvedAt));
      if (day) day.resolved += 1;
    }
  }
  return [...days.values()];
}
