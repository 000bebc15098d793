/**
 * Formats printed on the forms. Vietnam has no daylight saving, so its time is UTC+7 all year; we
 * shift by hand instead of relying on the PC's time zone or the ICU data of the printing engine.
 */
const VN_OFFSET_MS = 7 * 3600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface VnParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function vnParts(iso: string): VnParts | null {
  if (!iso) return null;
  const date = ISO_DATE.exec(iso);
  if (date) return { year: date[1]!, month: date[2]!, day: date[3]!, hour: '', minute: '' };
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + VN_OFFSET_MS);
  return {
    year: String(d.getUTCFullYear()),
    month: pad(d.getUTCMonth() + 1),
    day: pad(d.getUTCDate()),
    hour: pad(d.getUTCHours()),
    minute: pad(d.getUTCMinutes()),
  };
}

/** `hh:mm dd/mm/yyyy` in Vietnam time; a plain `YYYY-MM-DD` date gives `dd/mm/yyyy`. Empty → ''. */
export function formatDateTimeVn(iso: string): string {
  const p = vnParts(iso);
  if (!p) return '';
  const date = `${p.day}/${p.month}/${p.year}`;
  return p.hour ? `${p.hour}:${p.minute} ${date}` : date;
}

/** `dd/mm/yyyy` in Vietnam time. */
export function formatDateVn(iso: string): string {
  const p = vnParts(iso);
  return p ? `${p.day}/${p.month}/${p.year}` : '';
}

/** `YYYY-MM-DD` calendar date in Vietnam time. */
export function vietnamDate(iso: string): string {
  const p = vnParts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : '';
}

/** Day, month and year in Vietnam time, for "ngày … tháng … năm …" lines. */
export function dateParts(iso: string): { day: string; month: string; year: string } | null {
  const p = vnParts(iso);
  return p ? { day: p.day, month: p.month, year: p.year } : null;
}

/** Vietnamese digit grouping: 1.234.567 (dot for thousands, comma for decimals). */
export function formatNumberVi(value: number): string {
  if (!Number.isFinite(value)) return '';
  const negative = value < 0;
  const [int = '0', frac] = Math.abs(value).toString().split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (negative ? '-' : '') + grouped + (frac ? `,${frac}` : '');
}

/** Two-digit sequence numbers as the register prints them: 01, 02, … 100. */
export function formatSequence(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
