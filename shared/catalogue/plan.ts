/**
 * What importing a parsed catalogue sheet would do to the catalogue: procedures added, changed or
 * unchanged, sectors added, and the rows refused with their reasons. The preview shows it; the
 * commit recomputes it on the server from the same workbook and writes only its added and changed
 * procedures (a procedure with any refused row is not written at all).
 *
 * A change never alters dossiers already received: the terms (legal time, fees, documents) of a
 * version already in force are kept as they are, and a new version starts today or later.
 */
import { procedureSchema, type Procedure, type RequiredDocument, type Sector } from '../domain/procedure';
import type { DocumentLine } from './cells';
import { formatDate } from './cells';
import { COLUMNS, type ColumnKey } from './layout';
import type { RowError, VersionRow } from './parse';

export type ChangeStatus = 'added' | 'changed' | 'unchanged';

export interface ProcedurePlan {
  code: string;
  name: string;
  rows: number[];
  status: ChangeStatus;
  /** Headers of the columns that change (for 'changed'). */
  fields: string[];
  before: Procedure | null;
  after: Procedure;
}

export interface ImportPlan {
  procedures: ProcedurePlan[];
  /** Sectors the workbook names that the catalogue does not have yet. */
  sectorsAdded: Sector[];
  errors: RowError[];
  counts: Record<ChangeStatus, number> & { errorRows: number };
}

export interface CatalogueState {
  procedures: readonly Procedure[];
  sectors: readonly Sector[];
}

export interface PlanClock {
  /** Vietnam date 'YYYY-MM-DD': versions in force on it are kept. */
  today: string;
  /** ISO instant written as updatedAt. */
  now: string;
}

/** JSON with sorted keys: jsonb stores keys in its own order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

const header = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)?.header ?? key;
const lineOf = (d: DocumentLine | RequiredDocument): DocumentLine => ({
  name: d.name,
  copyType: d.copyType,
  count: d.count,
  mandatory: d.mandatory,
});
const sameTerms = (
  row: Pick<VersionRow, 'legalTime' | 'fees' | 'documents'>,
  terms: Pick<Procedure, 'legalTime' | 'fees' | 'requiredDocuments'>,
) =>
  canonical([row.legalTime, row.fees, row.documents.map(lineOf)]) ===
  canonical([terms.legalTime, terms.fees, terms.requiredDocuments.map(lineOf)]);

/** Document ids: the catalogue's for a name it already lists (this version first), new ones otherwise. */
function documentIds(
  procedureId: string,
  version: number,
  lines: DocumentLine[],
  own: readonly RequiredDocument[],
  all: readonly RequiredDocument[],
  used: Set<string>,
): RequiredDocument[] {
  const taken = new Set<string>();
  return lines.map((line) => {
    const match = [...own, ...all].find((d) => d.name === line.name && !taken.has(d.id));
    let id = match?.id;
    if (!id) {
      let k = 1;
      while (used.has(`${procedureId}-v${version}-d${k}`)) k++;
      id = `${procedureId}-v${version}-d${k}`;
    }
    taken.add(id);
    used.add(id);
    return { id, ...line };
  });
}

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The versions' own refusals: in-force versions kept, new ones not in the past, dates increasing. */
function versionErrors(rows: VersionRow[], before: Procedure | null, today: string): RowError[] {
  const errors: RowError[] = [];
  const add = (row: VersionRow, message: string) =>
    errors.push({ row: row.row, code: row.code, messages: [message] });
  const later = rows.filter((r) => r.version > 1);
  later.forEach((r, i) => {
    const previous = later[i - 1];
    if (previous && r.effectiveFrom <= previous.effectiveFrom)
      add(
        r,
        `Phiên bản ${r.version} phải có ngày hiệu lực sau phiên bản ${previous.version} (${formatDate(previous.effectiveFrom)}).`,
      );
  });
  if (!before) return errors;
  const first = rows[0] as VersionRow;
  if (!sameTerms(first, before))
    add(
      first,
      'Phiên bản 1 đã áp dụng cho hồ sơ đã nhận: không được sửa thời hạn, phí hay thành phần hồ sơ. Hãy thêm phiên bản mới với ngày hiệu lực.',
    );
  for (const held of before.versions ?? []) {
    const row = later.find((r) => r.version === held.version);
    if (held.effectiveFrom > today) continue;
    if (!row)
      add(
        first,
        `Phiên bản ${held.version} (hiệu lực từ ${formatDate(held.effectiveFrom)}) đã áp dụng: không được xóa.`,
      );
    else if (row.effectiveFrom !== held.effectiveFrom || !sameTerms(row, held))
      add(
        row,
        `Phiên bản ${held.version} đã có hiệu lực từ ${formatDate(held.effectiveFrom)}: không được sửa. Hãy thêm phiên bản mới.`,
      );
  }
  for (const row of later) {
    const held = before.versions?.find((v) => v.version === row.version);
    if (held && held.effectiveFrom <= today) continue;
    if (row.effectiveFrom < today)
      add(
        row,
        `Ngày hiệu lực ${formatDate(row.effectiveFrom)} đã qua: phiên bản mới chỉ áp dụng từ hôm nay trở đi.`,
      );
  }
  return errors;
}

/** Headers of the columns whose values differ between two procedures. */
function changedFields(before: Procedure, after: Procedure): string[] {
  const pairs: [ColumnKey, (p: Procedure) => unknown][] = [
    ['name', (p) => p.name],
    ['sectorCode', (p) => p.sectorId],
    ['legalTimeUnit', (p) => p.legalTime],
    ['fees', (p) => p.fees],
    ['documents', (p) => p.requiredDocuments.map(lineOf)],
    ['onSiteSteps', (p) => p.onSiteSteps],
    ['leadAgency', (p) => p.leadAgency],
    ['active', (p) => p.active],
    ['version', (p) => p.versions ?? []],
  ];
  return pairs
    .filter(([, get]) => canonical(get(before)) !== canonical(get(after)))
    .map(([key]) => header(key));
}

interface Context {
  clock: PlanClock;
  sectors: Map<string, Sector>;
  sectorsAdded: Sector[];
  procedureIds: Set<string>;
}

/** One procedure's rows (version 1 first) to its plan, or its rows' refusals. */
function planProcedure(
  rows: VersionRow[],
  before: Procedure | null,
  ctx: Context,
): ProcedurePlan | RowError[] {
  const first = rows[0] as VersionRow;
  const base = first.base;
  if (first.version !== 1 || !base)
    return rows.map((r) => ({
      row: r.row,
      code: r.code,
      messages: [`Thủ tục ${r.code} thiếu dòng phiên bản 1.`],
    }));
  const errors = versionErrors(rows, before, ctx.clock.today);
  let sector = ctx.sectors.get(base.sectorCode);
  if (!sector && base.sectorName === '')
    errors.push({
      row: first.row,
      code: first.code,
      messages: [
        `Lĩnh vực "${base.sectorCode}" chưa có trong danh mục: ghi tên lĩnh vực ở cột "${header('sectorName')}".`,
      ],
    });
  if (errors.length > 0) return errors;
  const newSector = sector
    ? null
    : {
        id: uniqueId(`sec-${base.sectorCode}`, new Set([...ctx.sectors.values()].map((s) => s.id))),
        code: base.sectorCode,
        name: base.sectorName,
        updatedAt: ctx.clock.now,
      };
  sector ??= newSector as Sector;
  const id = before?.id ?? uniqueId(`proc-${first.code}`, ctx.procedureIds);
  const allDocs = [
    ...(before?.requiredDocuments ?? []),
    ...(before?.versions ?? []).flatMap((v) => v.requiredDocuments),
  ];
  const used = new Set(allDocs.map((d) => d.id));
  const docsOf = (row: VersionRow) => {
    const own =
      row.version === 1
        ? (before?.requiredDocuments ?? [])
        : (before?.versions?.find((v) => v.version === row.version)?.requiredDocuments ?? []);
    return documentIds(id, row.version, row.documents, own, allDocs, used);
  };
  const versions = rows.slice(1).map((r) => ({
    version: r.version,
    effectiveFrom: r.effectiveFrom,
    legalTime: r.legalTime,
    fees: r.fees,
    requiredDocuments: docsOf(r),
    ...(r.basis !== '' ? { basis: r.basis } : {}),
  }));
  const after: Procedure = {
    id,
    code: first.code,
    name: base.name,
    sectorId: sector.id,
    legalTime: first.legalTime,
    fees: first.fees,
    requiredDocuments: docsOf(first),
    onSiteSteps: base.onSiteSteps,
    leadAgency: base.leadAgency,
    ...(versions.length > 0 || (before?.versions && before.versions.length === 0) ? { versions } : {}),
    active: base.active,
    updatedAt: ctx.clock.now,
  };
  const checked = procedureSchema.safeParse(after);
  if (!checked.success)
    return [
      {
        row: first.row,
        code: first.code,
        messages: checked.error.issues
          .slice(0, 5)
          .map((i) => `Không hợp lệ ở ${i.path.join('.')}: ${i.message}.`),
      },
    ];
  ctx.procedureIds.add(id);
  if (newSector) {
    ctx.sectors.set(newSector.code, newSector);
    ctx.sectorsAdded.push(newSector);
  }
  const fields = before ? changedFields(before, after) : [];
  const status: ChangeStatus = !before ? 'added' : fields.length > 0 ? 'changed' : 'unchanged';
  return {
    code: first.code,
    name: after.name,
    rows: rows.map((r) => r.row),
    status,
    fields,
    before,
    after: status === 'unchanged' && before ? before : after,
  };
}

/** The import plan of a parsed sheet against the catalogue as it is. */
export function planImport(
  parsed: { rows: readonly VersionRow[]; errors: readonly RowError[] },
  state: CatalogueState,
  clock: PlanClock,
): ImportPlan {
  const ctx: Context = {
    clock,
    sectors: new Map(state.sectors.map((s) => [s.code, s])),
    sectorsAdded: [],
    procedureIds: new Set(state.procedures.map((p) => p.id)),
  };
  const byCode = new Map(state.procedures.map((p) => [p.code, p]));
  const errors: RowError[] = [...parsed.errors];
  const refusedCodes = new Set(parsed.errors.map((e) => e.code).filter((c) => c !== ''));
  const groups = new Map<string, VersionRow[]>();
  for (const row of parsed.rows) groups.set(row.code, [...(groups.get(row.code) ?? []), row]);
  const procedures: ProcedurePlan[] = [];
  for (const [code, group] of groups) {
    const rows = [...group].sort((a, b) => a.version - b.version || a.row - b.row);
    const duplicates = rows.filter((r, i) => i > 0 && r.version === rows[i - 1]?.version);
    if (refusedCodes.has(code) || duplicates.length > 0) {
      const errorRows = parsed.errors.filter((e) => e.code === code).map((e) => e.row);
      for (const r of rows)
        errors.push({
          row: r.row,
          code,
          messages: duplicates.includes(r)
            ? [`Thủ tục ${code} có hai dòng phiên bản ${r.version}.`]
            : [
                `Thủ tục ${code} có dòng lỗi khác (dòng ${[...errorRows, ...duplicates.map((d) => d.row)].join(', ')}): không ghi thủ tục này.`,
              ],
        });
      continue;
    }
    const plan = planProcedure(rows, byCode.get(code) ?? null, ctx);
    if (Array.isArray(plan)) errors.push(...plan);
    else procedures.push(plan);
  }
  errors.sort((a, b) => a.row - b.row);
  const count = (s: ChangeStatus) => procedures.filter((p) => p.status === s).length;
  return {
    procedures,
    sectorsAdded: ctx.sectorsAdded,
    errors,
    counts: {
      added: count('added'),
      changed: count('changed'),
      unchanged: count('unchanged'),
      errorRows: new Set(errors.map((e) => e.row)).size,
    },
  };
}
