/**
 * Vietnamese display formats: dd/mm/yyyy, hh:mm, 1.234.567. Instants are stored in UTC and shown in
 * Vietnam time whatever the counter PC's time zone is set to.
 */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The calendar and clock parts (year, month, day, hour, minute) of an instant in Vietnam time. */
export function vietnamParts(iso: string): Record<string, string> | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const out: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date)) {
    out[part.type] = part.value;
  }
  return out;
}

/** `dd/mm/yyyy` of an instant in Vietnam time, or of a `YYYY-MM-DD` calendar date. */
export function formatDate(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  const p = vietnamParts(value);
  return p ? `${p.day}/${p.month}/${p.year}` : '';
}

/** `hh:mm dd/mm/yyyy`, the order the forms print. */
export function formatDateTime(iso: string): string {
  const p = vietnamParts(iso);
  return p ? `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}` : '';
}

/** `YYYY-MM-DD` of an instant in Vietnam time. */
export function vietnamDate(iso: string): string {
  const p = vietnamParts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : '';
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat('vi-VN').format(value);
}

/** An amount in đồng as the counter says it: "50.000 đ". */
export function formatVnd(amountVnd: number): string {
  return `${formatNumber(amountVnd)} đ`;
}

/**
 * A procedure's fees as one line ("Lệ phí …: 100.000 đ; …"), or '' when it charges nothing (the
 * screen then says it is free).
 */
export function formatFees(fees: readonly { label: string; amountVnd: number }[]): string {
  return fees
    .filter((f) => f.amountVnd > 0)
    .map((f) => `${f.label}: ${formatVnd(f.amountVnd)}`)
    .join('; ');
}
