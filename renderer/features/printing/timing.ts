import { vietnamDate } from './format';

export type Timing = 'early' | 'on_time' | 'late';

/**
 * Early / on time / late: compare the Vietnam calendar date of the hand-over with the appointment
 * date (<, =, >), as one-stop systems report it. Null when there is no appointment.
 */
export function timingOf(atIso: string, dueIso: string): Timing | null {
  if (!atIso || !dueIso) return null;
  const at = vietnamDate(atIso);
  const due = vietnamDate(dueIso);
  if (!at || !due) return null;
  return at < due ? 'early' : at === due ? 'on_time' : 'late';
}
