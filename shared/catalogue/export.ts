/** The catalogue as the workbook's rows (./layout.ts): what an import of the same rows leaves unchanged. */
import type { Procedure, Sector } from '../domain/procedure';
import { formatDate, formatDocuments, formatFees, formatLegalTime, formatSteps } from './cells';
import { COLUMNS, YES_NO_TEXT, type Cell, type ColumnKey } from './layout';

type RowValues = Partial<Record<ColumnKey, Cell>>;

const toCells = (values: RowValues): Cell[] => COLUMNS.map((c) => values[c.key] ?? null);

/** Header row, then one row per version of each procedure, by code then version. */
export function catalogueRows(procedures: readonly Procedure[], sectors: readonly Sector[]): Cell[][] {
  const sectorOf = new Map(sectors.map((s) => [s.id, s]));
  const rows: Cell[][] = [COLUMNS.map((c) => c.header)];
  const sorted = [...procedures].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const p of sorted) {
    const sector = sectorOf.get(p.sectorId);
    const [value, unit] = formatLegalTime(p.legalTime);
    rows.push(
      toCells({
        code: p.code,
        name: p.name,
        sectorCode: sector?.code ?? null,
        sectorName: sector?.name ?? null,
        version: 1,
        legalTimeValue: value,
        legalTimeUnit: unit,
        fees: formatFees(p.fees) || null,
        documents: formatDocuments(p.requiredDocuments) || null,
        onSiteSteps: formatSteps(p.onSiteSteps),
        leadAgency: p.leadAgency || null,
        active: p.active ? YES_NO_TEXT.yes : YES_NO_TEXT.no,
      }),
    );
    for (const v of p.versions ?? []) {
      const [vValue, vUnit] = formatLegalTime(v.legalTime);
      rows.push(
        toCells({
          code: p.code,
          name: p.name,
          version: v.version,
          effectiveFrom: formatDate(v.effectiveFrom),
          legalTimeValue: vValue,
          legalTimeUnit: vUnit,
          fees: formatFees(v.fees) || null,
          documents: formatDocuments(v.requiredDocuments) || null,
          basis: v.basis ?? null,
        }),
      );
    }
  }
  return rows;
}
