/**
 * One cell of the catalogue workbook to a value and back: the texts of ./layout.ts. A parser throws
 * a CellError whose message is the Vietnamese reason shown on the row.
 */
import { COPY_TYPES, type CopyType, type Fee, type LegalTime } from '../domain/procedure';
import { ON_SITE_STEPS, type OnSiteStep } from '../domain/roles';
import {
  COPY_TYPE_TEXT,
  LEGAL_TIME_UNIT_TEXT,
  MANDATORY_TEXT,
  STEP_TEXT,
  YES_NO_TEXT,
  groupThousands,
  normalise,
  type Cell,
} from './layout';

export class CellError extends Error {}

/** A document line without its id (ids are the catalogue's, matched by name on import). */
export interface DocumentLine {
  name: string;
  copyType: CopyType;
  count: number;
  mandatory: boolean;
}

const isFormula = (cell: Cell): cell is { formula: string } =>
  typeof cell === 'object' && cell !== null && 'formula' in cell;
const isError = (cell: Cell): cell is { error: string } =>
  typeof cell === 'object' && cell !== null && 'error' in cell;

/** The cell as text ('' when empty); refuses formulas and error values. */
export function cellText(cell: Cell | undefined): string {
  if (cell === undefined || cell === null) return '';
  if (isFormula(cell)) throw new CellError('ô chứa công thức; chỉ nhận giá trị nhập trực tiếp');
  if (isError(cell)) throw new CellError(`ô chứa giá trị lỗi ${cell.error}`);
  if (typeof cell === 'boolean') return cell ? YES_NO_TEXT.yes : YES_NO_TEXT.no;
  return String(cell).normalize('NFC').trim();
}

/** Amounts and counts may be written with thousands separators: "1.500.000", "1,500,000 đ". */
function wholeNumber(text: string, what: string): number {
  const digits = text.replace(/(vnđ|vnd|đồng|đ|bản)$/i, '').replace(/[.,\s]/g, '');
  if (!/^\d{1,12}$/.test(digits)) throw new CellError(`${what} "${text}" không phải số nguyên`);
  return Number(digits);
}

export function parseVersion(cell: Cell | undefined): number {
  const text = cellText(cell);
  if (text === '') return 1;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 999)
    throw new CellError(`phiên bản "${text}" phải là số từ 1 đến 999`);
  return n;
}

/** Excel's day 0 is 1899-12-30 (its serial dates, when a cell was typed as a date). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function formatDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** dd/mm/yyyy, yyyy-mm-dd or an Excel serial date → 'YYYY-MM-DD' ('' when empty). */
export function parseDate(cell: Cell | undefined): string {
  if (typeof cell === 'number' && Number.isInteger(cell) && cell > 20_000 && cell < 100_000)
    return new Date(EXCEL_EPOCH_MS + cell * 86_400_000).toISOString().slice(0, 10);
  const text = cellText(cell);
  if (text === '') return '';
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [y, m, d] = vn ? [vn[3], vn[2], vn[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (y && m && d) {
    const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    const check = new Date(`${date}T00:00:00Z`);
    if (!Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === date) return date;
  }
  throw new CellError(`ngày "${text}" không hợp lệ (viết dd/mm/yyyy)`);
}

export function formatLegalTime(time: LegalTime): [number | null, string] {
  return [time.unit === 'immediate' ? null : time.value, LEGAL_TIME_UNIT_TEXT[time.unit]];
}

export function parseLegalTime(valueCell: Cell | undefined, unitCell: Cell | undefined): LegalTime {
  const unitText = normalise(cellText(unitCell));
  const valueText = cellText(valueCell);
  const unit = (Object.keys(LEGAL_TIME_UNIT_TEXT) as LegalTime['unit'][]).find(
    (u) => LEGAL_TIME_UNIT_TEXT[u] === unitText,
  );
  if (!unit)
    throw new CellError(
      unitText === ''
        ? 'thiếu đơn vị thời hạn'
        : `đơn vị thời hạn "${unitText}" không hợp lệ (ngày làm việc, giờ làm việc, ngày, giải quyết ngay)`,
    );
  if (unit === 'immediate') {
    if (valueText !== '') throw new CellError('thời hạn "giải quyết ngay" không ghi số');
    return { unit };
  }
  if (valueText === '') throw new CellError('thiếu số của thời hạn giải quyết');
  const value = wholeNumber(valueText, 'thời hạn');
  const max = unit === 'working_hours' ? 400 : unit === 'working_days' ? 365 : 730;
  if (value < 1 || value > max) throw new CellError(`thời hạn ${value} ${unitText} phải từ 1 đến ${max}`);
  return { unit, value };
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

export function formatFees(fees: readonly Fee[]): string {
  return fees.map((f) => `${f.label}: ${groupThousands(f.amountVnd)}`).join('\n');
}

export function parseFees(cell: Cell | undefined): Fee[] {
  return lines(cellText(cell)).map((line) => {
    const at = line.lastIndexOf(':');
    if (at <= 0) throw new CellError(`khoản phí "${line}" phải viết "Tên khoản: số tiền"`);
    const label = line.slice(0, at).trim();
    const amountVnd = wholeNumber(line.slice(at + 1).trim(), 'số tiền');
    if (label.length > 200) throw new CellError(`tên khoản phí dài quá 200 ký tự`);
    if (amountVnd > 1_000_000_000) throw new CellError(`số tiền ${amountVnd} vượt quá 1 tỷ đồng`);
    return { label, amountVnd };
  });
}

export function formatDocuments(docs: readonly DocumentLine[]): string {
  return docs
    .map((d) =>
      [
        d.name,
        COPY_TYPE_TEXT[d.copyType],
        String(d.count),
        d.mandatory ? MANDATORY_TEXT.yes : MANDATORY_TEXT.no,
      ].join(' | '),
    )
    .join('\n');
}

export function parseDocuments(cell: Cell | undefined): DocumentLine[] {
  return lines(cellText(cell)).map((line) => {
    const [name = '', copy, count, mandatory, ...extra] = line.split('|').map((p) => p.trim());
    if (extra.length > 0) throw new CellError(`giấy tờ "${line}" có quá 4 phần ngăn bởi "|"`);
    if (name === '') throw new CellError(`giấy tờ "${line}" thiếu tên`);
    if (name.length > 300) throw new CellError(`tên giấy tờ dài quá 300 ký tự`);
    const copyType =
      copy === undefined || copy === ''
        ? 'original'
        : COPY_TYPES.find((c) => COPY_TYPE_TEXT[c] === normalise(copy));
    if (!copyType)
      throw new CellError(`loại bản "${copy}" không hợp lệ (bản chính, bản sao có chứng thực, bản sao)`);
    const n = count === undefined || count === '' ? 1 : wholeNumber(count, 'số bản');
    if (n < 1 || n > 50) throw new CellError(`số bản ${n} phải từ 1 đến 50`);
    const m = mandatory === undefined || mandatory === '' ? MANDATORY_TEXT.yes : normalise(mandatory);
    if (m !== MANDATORY_TEXT.yes && m !== MANDATORY_TEXT.no)
      throw new CellError(`"${mandatory}" phải là "bắt buộc" hoặc "không bắt buộc"`);
    return { name, copyType, count: n, mandatory: m === MANDATORY_TEXT.yes };
  });
}

export function formatSteps(steps: readonly OnSiteStep[]): string {
  return steps.map((s) => STEP_TEXT[s]).join(', ');
}

/** On-site steps in the model's order, whatever order they are written in. */
export function parseSteps(cell: Cell | undefined): OnSiteStep[] {
  const wanted = new Set<OnSiteStep>();
  for (const part of cellText(cell).split(/[,;\n]/)) {
    const text = normalise(part);
    if (text === '') continue;
    const step = ON_SITE_STEPS.find((s) => STEP_TEXT[s] === text);
    if (!step)
      throw new CellError(
        `bước "${part.trim()}" không hợp lệ (${ON_SITE_STEPS.map((s) => STEP_TEXT[s]).join(', ')})`,
      );
    wanted.add(step);
  }
  if (wanted.size === 0) throw new CellError('cần ít nhất một bước tại chỗ');
  return ON_SITE_STEPS.filter((s) => wanted.has(s));
}

export function parseYesNo(cell: Cell | undefined): boolean {
  if (typeof cell === 'boolean') return cell;
  const text = normalise(cellText(cell));
  if (text === '' || text === normalise(YES_NO_TEXT.yes)) return true;
  if (text === normalise(YES_NO_TEXT.no)) return false;
  throw new CellError(`"${text}" phải là Có hoặc Không`);
}
