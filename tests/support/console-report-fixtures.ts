/** The hand-counted report month moved to another month and office, for the console's report tests. */
import type { ReportRecord } from '../../shared/reports/record';
import { MARCH, MARCH_PERIOD } from './report-fixtures';

const VN_MIDNIGHT = (date: string) => Date.parse(`${date}T00:00:00.000+07:00`);

/**
 * The fixture's dossiers received in the month starting `monthStart` ('YYYY-MM-01') instead of March
 * 2026 (every instant moved by the same whole days), in `officeId`, spread over `sectorIds`.
 */
export function monthRecords(
  monthStart: string,
  officeId: string,
  sectorIds: readonly string[],
): ReportRecord[] {
  const shift = VN_MIDNIGHT(monthStart) - VN_MIDNIGHT(MARCH_PERIOD.from);
  const move = (iso: string) => (iso ? new Date(Date.parse(iso) + shift).toISOString() : iso);
  const moveNullable = (iso: string | null) => (iso === null ? null : move(iso));
  return MARCH.map((r, i) => ({
    ...r,
    dossierId: `console-${r.dossierId}`,
    officeId,
    sectorId: sectorIds[i % sectorIds.length]!,
    receivedAt: moveNullable(r.receivedAt),
    resolvedAt: moveNullable(r.resolvedAt),
    deadlineAtResolution: move(r.deadlineAtResolution),
    returnedAt: moveNullable(r.returnedAt),
    withdrawnAt: moveNullable(r.withdrawnAt),
    stoppedAt: moveNullable(r.stoppedAt),
    supplementRequests: r.supplementRequests.map(move),
    deadlines: r.deadlines.map((d) => ({ at: move(d.at), dueAt: move(d.dueAt) })),
  }));
}
