/**
 * The catalogue sheet's rows to typed version rows, each checked on its own: a row with an error
 * is reported with its Excel row number and Vietnamese reasons, and never written. A sheet whose
 * header is not the layout's (wrong, missing or unknown columns) is refused whole.
 */
import type { Fee, LegalTime } from '../domain/procedure';
import type { OnSiteStep } from '../domain/roles';
import {
  CellError,
  cellText,
  parseDate,
  parseDocuments,
  parseFees,
  parseLegalTime,
  parseSteps,
  parseVersion,
  parseYesNo,
  type DocumentLine,
} from './cells';
import {
  COLUMNS,
  MAX_IMPORT_ROWS,
  groupThousands,
  normalise,
  type Cell,
  type ColumnKey,
  type SheetRow,
} from './layout';

/** A row's reasons for refusal (row 0: the workbook as a whole). */
export interface RowError {
  row: number;
  code: string;
  messages: string[];
}

/** What one row says about one version of a procedure. */
export interface VersionRow {
  row: number;
  code: string;
  version: number;
  /** '' for version 1. */
  effectiveFrom: string;
  legalTime: LegalTime;
  fees: Fee[];
  documents: DocumentLine[];
  basis: string;
  /** Version 1 only. */
  base?: {
    name: string;
    sectorCode: string;
    sectorName: string;
    onSiteSteps: OnSiteStep[];
    leadAgency: string;
    active: boolean;
  };
}

export type SheetParse = { ok: false; error: string } | { ok: true; rows: VersionRow[]; errors: RowError[] };

export const CODE_PATTERN = /^[A-Za-z0-9._-]{1,40}$/;

type Columns = Map<ColumnKey, number>;

const isFormula = (cell: Cell) => typeof cell === 'object' && cell !== null && 'formula' in cell;
const columnName = (index: number) =>
  index < 26
    ? String.fromCharCode(65 + index)
    : `${String.fromCharCode(64 + Math.floor(index / 26))}${String.fromCharCode(65 + (index % 26))}`;

/** Which column holds each field, or why the header is not the layout's. */
export function readHeader(cells: readonly Cell[]): { columns: Columns } | { error: string } {
  const columns: Columns = new Map();
  const unknown: string[] = [];
  for (const [index, cell] of cells.entries()) {
    if (cell !== null && typeof cell === 'object')
      return { error: `Dòng tiêu đề: ô ${columnName(index)}1 phải là chữ, không phải công thức hay lỗi.` };
    const text = normalise(String(cell ?? ''));
    if (text === '') continue;
    const spec = COLUMNS.find((c) => normalise(c.header) === text);
    if (!spec) unknown.push(String(cell).trim());
    else if (columns.has(spec.key)) return { error: `Dòng tiêu đề: cột "${spec.header}" có hai lần.` };
    else columns.set(spec.key, index);
  }
  const missing = COLUMNS.filter((c) => !columns.has(c.key)).map((c) => `"${c.header}"`);
  if (unknown.length > 0 || missing.length > 0) {
    const parts = [
      ...(unknown.length > 0 ? [`cột không thuộc mẫu: ${unknown.map((u) => `"${u}"`).join(', ')}`] : []),
      ...(missing.length > 0 ? [`thiếu cột: ${missing.join(', ')}`] : []),
    ];
    return {
      error: `Bảng không đúng mẫu danh mục thủ tục (${parts.join('; ')}). Hãy xuất danh mục để lấy mẫu đúng.`,
    };
  }
  return { columns };
}

const isEmptyRow = (cells: readonly Cell[]) =>
  cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));

/** Reads one field, adding its reason to `messages` when it fails. */
function field<T>(messages: string[], header: string, read: () => T, fallback: T): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof CellError)) throw err;
    messages.push(`Cột "${header}": ${err.message}.`);
    return fallback;
  }
}

function headerOf(key: ColumnKey): string {
  return COLUMNS.find((c) => c.key === key)?.header ?? key;
}

function checkLength(messages: string[], key: ColumnKey, text: string, max: number): void {
  if (text.length > max) messages.push(`Cột "${headerOf(key)}": dài quá ${max} ký tự.`);
}

/** One data row to a version row, or its reasons for refusal. */
export function parseRow(row: SheetRow, columns: Columns): VersionRow | RowError {
  const at = (key: ColumnKey): Cell | undefined => row.cells[columns.get(key) ?? -1];
  const messages: string[] = [];
  const formulas = row.cells.flatMap((c, i) =>
    c !== undefined && c !== null && isFormula(c) ? [columnName(i)] : [],
  );
  const codeText = field(messages, headerOf('code'), () => cellText(at('code')), '');
  if (formulas.length > 0)
    return {
      row: row.number,
      code: codeText,
      messages: [
        `Ô ${formulas.map((c) => `${c}${row.number}`).join(', ')} chứa công thức: chỉ nhận giá trị nhập trực tiếp.`,
      ],
    };
  if (codeText === '') messages.push(`Cột "${headerOf('code')}": bắt buộc.`);
  else if (!CODE_PATTERN.test(codeText))
    messages.push(
      `Cột "${headerOf('code')}": "${codeText}" chỉ được gồm chữ không dấu, số, dấu chấm, gạch (tối đa 40 ký tự).`,
    );
  const text = (key: ColumnKey) => field(messages, headerOf(key), () => cellText(at(key)), '');
  const version = field(messages, headerOf('version'), () => parseVersion(at('version')), 1);
  const effectiveFrom = field(messages, headerOf('effectiveFrom'), () => parseDate(at('effectiveFrom')), '');
  const legalTime = field<LegalTime>(
    messages,
    headerOf('legalTimeValue'),
    () => parseLegalTime(at('legalTimeValue'), at('legalTimeUnit')),
    { unit: 'immediate' },
  );
  const fees = field(messages, headerOf('fees'), () => parseFees(at('fees')), []);
  if (fees.length > 20) messages.push(`Cột "${headerOf('fees')}": tối đa 20 khoản.`);
  const documents = field(messages, headerOf('documents'), () => parseDocuments(at('documents')), []);
  if (documents.length > 60) messages.push(`Cột "${headerOf('documents')}": tối đa 60 giấy tờ.`);
  const basis = text('basis');
  checkLength(messages, 'basis', basis, 300);
  let base: VersionRow['base'];
  if (version === 1) {
    if (effectiveFrom !== '')
      messages.push(`Cột "${headerOf('effectiveFrom')}": để trống ở phiên bản 1 (áp dụng từ đầu).`);
    const name = text('name');
    const sectorCode = text('sectorCode');
    const sectorName = text('sectorName');
    const leadAgency = text('leadAgency');
    if (name === '') messages.push(`Cột "${headerOf('name')}": bắt buộc ở phiên bản 1.`);
    if (sectorCode === '') messages.push(`Cột "${headerOf('sectorCode')}": bắt buộc ở phiên bản 1.`);
    else if (!/^[A-Za-z0-9._-]{1,30}$/.test(sectorCode))
      messages.push(
        `Cột "${headerOf('sectorCode')}": "${sectorCode}" chỉ gồm chữ không dấu, số, dấu chấm, gạch.`,
      );
    checkLength(messages, 'name', name, 400);
    checkLength(messages, 'sectorName', sectorName, 200);
    checkLength(messages, 'leadAgency', leadAgency, 200);
    const onSiteSteps = field(messages, headerOf('onSiteSteps'), () => parseSteps(at('onSiteSteps')), []);
    const active = field(messages, headerOf('active'), () => parseYesNo(at('active')), true);
    base = { name, sectorCode, sectorName, onSiteSteps, leadAgency, active };
  } else if (effectiveFrom === '' && messages.length === 0) {
    messages.push(`Cột "${headerOf('effectiveFrom')}": bắt buộc từ phiên bản 2.`);
  }
  if (messages.length > 0) return { row: row.number, code: codeText, messages };
  return { row: row.number, code: codeText, version, effectiveFrom, legalTime, fees, documents, basis, base };
}

/**
 * The sheet (header first) to version rows and row errors. More than MAX_IMPORT_ROWS data rows is
 * refused whole (the reader stops before that, see server/catalogue/workbook.ts).
 */
export function parseCatalogueSheet(sheet: readonly SheetRow[]): SheetParse {
  const [header, ...body] = sheet;
  if (!header || header.number !== 1)
    return {
      ok: false,
      error: 'Trang đầu của tệp trống hoặc dòng 1 không phải dòng tiêu đề của mẫu danh mục.',
    };
  const head = readHeader(header.cells);
  if ('error' in head) return { ok: false, error: head.error };
  const data = body.filter((r) => !isEmptyRow(r.cells));
  if (data.length > MAX_IMPORT_ROWS) return { ok: false, error: tooManyRows() };
  if (data.length === 0) return { ok: false, error: 'Tệp không có dòng thủ tục nào dưới dòng tiêu đề.' };
  const rows: VersionRow[] = [];
  const errors: RowError[] = [];
  for (const r of data) {
    const parsed = parseRow(r, head.columns);
    if ('messages' in parsed) errors.push(parsed);
    else rows.push(parsed);
  }
  return { ok: true, rows, errors };
}

export function tooManyRows(): string {
  return `Tệp có hơn ${groupThousands(MAX_IMPORT_ROWS)} dòng thủ tục, vượt giới hạn một lần nhập. Hãy chia thành nhiều tệp nhỏ hơn.`;
}

export function isBlankRow(cells: readonly Cell[]): boolean {
  return isEmptyRow(cells);
}
