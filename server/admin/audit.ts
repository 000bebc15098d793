import type pg from 'pg';
import type { AuditEntry, AuditQuery } from '../../shared/admin/contract';

/** One admin change, as recorded: who, what, on what, and the target before and after. */
export interface AuditRecord {
  actor: string;
  officeId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/** Fields never written to the log: password verifiers, keys, secrets. */
const SECRET_FIELDS = new Set(['verifier', 'signingKey', 'password', 'totp_secret', 'totpSecret', 'token']);

/** A value as the log keeps it: secret fields replaced by a marker, so a reader sees that they changed. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_FIELDS.has(k) ? (v === null || v === undefined ? v : '[hidden]') : redact(v),
    ]),
  );
}

/** Writes the record with `client`: inside the transaction of the change it records. */
export async function recordAudit(client: Pick<pg.ClientBase, 'query'>, entry: AuditRecord): Promise<void> {
  await client.query(
    `INSERT INTO audit_log (actor, office_id, action, target_type, target_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      entry.actor,
      entry.officeId,
      entry.action,
      entry.targetType,
      entry.targetId,
      entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
      entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
    ],
  );
}

/**
 * The WHERE clause and parameters of an audit query; `scopeOfficeId` (an office admin's office)
 * limits it to that office whatever the query asks.
 */
export function auditFilter(
  query: Omit<AuditQuery, 'limit'>,
  scopeOfficeId: string | null,
): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  if (scopeOfficeId !== null) add('office_id = ?', scopeOfficeId);
  if (query.officeId) add('office_id = ?', query.officeId);
  if (query.actor) add('actor = ?', query.actor);
  if (query.action) add('action LIKE ?', `${query.action.replace(/[\\%_]/g, '\\$&')}%`);
  if (query.target) add('target_id = ?', query.target);
  if (query.from) add('at >= ?', query.from);
  if (query.to) add('at <= ?', query.to);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  office_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  before: unknown;
  after: unknown;
}

/** The newest entries first, at most `query.limit`. */
export async function listAudit(
  pool: pg.Pool,
  query: AuditQuery,
  scopeOfficeId: string | null,
): Promise<AuditEntry[]> {
  const { where, params } = auditFilter(query, scopeOfficeId);
  const { rows } = await pool.query<AuditRow>(
    `SELECT id, at, actor, office_id, action, target_type, target_id, before, after FROM audit_log
     ${where} ORDER BY id DESC LIMIT $${params.length + 1}`,
    [...params, query.limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    actor: r.actor,
    officeId: r.office_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    before: r.before,
    after: r.after,
  }));
}

const CSV_COLUMNS = [
  'id',
  'at',
  'actor',
  'officeId',
  'action',
  'targetType',
  'targetId',
  'before',
  'after',
] as const;

/** A CSV cell: quoted when needed, and a leading = + - @ neutralised so a spreadsheet never runs it. */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The entries as CSV (UTF-8 with a BOM so Excel reads Vietnamese), one line per entry. */
export function auditCsv(entries: AuditEntry[]): string {
  const lines = [
    CSV_COLUMNS.join(','),
    ...entries.map((e) => CSV_COLUMNS.map((c) => csvCell(e[c])).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
