import type pg from 'pg';
import type { Dossier, DossierEvent } from '../../shared/domain';
import { reportRecord, type ReportRecord } from '../../shared/reports';
import { inTransaction } from '../db/tx';

/** Dossiers read per query when records are built from the documents. */
export const PAGE = 5_000;

const nullable = (iso: string | null) => (iso === null || iso === '' ? null : iso);

/** A report record as a row of report_records (migrations 14, 17); null when never taken in. */
function recordRow(r: ReportRecord): Record<string, unknown> | null {
  if (r.receivedAt === null) return null;
  const closed = [r.resolvedAt, r.withdrawnAt, r.stoppedAt].filter((x): x is string => x !== null);
  const closedAt =
    closed.length === 0 ? null : closed.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
  const activeUntil =
    closedAt === null || r.returnedAt === null
      ? closedAt
      : Date.parse(r.returnedAt) > Date.parse(closedAt)
        ? r.returnedAt
        : closedAt;
  return {
    dossier_id: r.dossierId,
    office_id: r.officeId,
    sector_id: r.sectorId,
    procedure_id: r.procedureId,
    receiver_id: r.receiverId,
    channel: r.channel,
    code: r.code,
    procedure_name: r.procedureName,
    received_at: r.receivedAt,
    resolved_at: r.resolvedAt,
    refused: r.resolution === 'refused',
    deadline_at_resolution: nullable(r.deadlineAtResolution),
    returned_at: r.returnedAt,
    withdrawn_at: r.withdrawnAt,
    stopped_at: r.stoppedAt,
    closed_at: closedAt,
    active_until: activeUntil,
    supplement_at: r.supplementRequests,
    deadline_from: r.deadlines.map((d) => d.at),
    deadline_due: r.deadlines.map((d) => nullable(d.dueAt)),
    rating: r.rating,
    components_digitised_at: r.componentsDigitisedAt,
    result_digitised_at: r.resultDigitisedAt,
  };
}

const COLUMNS = `dossier_id text, office_id text, sector_id text, procedure_id text, receiver_id text,
  channel text, code text, procedure_name text, received_at timestamptz, resolved_at timestamptz,
  refused boolean, deadline_at_resolution timestamptz, returned_at timestamptz, withdrawn_at timestamptz,
  stopped_at timestamptz, closed_at timestamptz, active_until timestamptz, supplement_at timestamptz[],
  deadline_from timestamptz[], deadline_due timestamptz[], rating text,
  components_digitised_at timestamptz, result_digitised_at timestamptz`;
const NAMES = COLUMNS.split(',').map((c) => c.trim().split(' ')[0]!);

/**
 * Writes these dossiers' records (replacing what was there); a dossier never taken in, or one in
 * `removed`, has none.
 */
export async function saveRecords(
  db: pg.Pool | pg.PoolClient,
  records: readonly ReportRecord[],
  removed: readonly string[] = [],
): Promise<void> {
  const rows = records.map(recordRow);
  const gone = [...removed, ...records.filter((_, i) => rows[i] === null).map((r) => r.dossierId)];
  if (gone.length > 0) await db.query('DELETE FROM report_records WHERE dossier_id = ANY($1)', [gone]);
  const kept = rows.filter((r): r is Record<string, unknown> => r !== null);
  if (kept.length === 0) return;
  await db.query(
    `INSERT INTO report_records (${NAMES.join(', ')})
       SELECT ${NAMES.join(', ')} FROM json_to_recordset($1::json) AS x(${COLUMNS})
     ON CONFLICT (dossier_id) DO UPDATE SET ${NAMES.slice(1)
       .map((n) => `${n} = excluded.${n}`)
       .join(', ')}`,
    [JSON.stringify(kept)],
  );
}

/** These dossiers' report records, read from the documents (each dossier with all its events). */
export async function recordsOfDossiers(
  db: pg.Pool | pg.PoolClient,
  dossiers: readonly { id: string; doc: Dossier }[],
): Promise<ReportRecord[]> {
  const events = await db.query<{ doc: DossierEvent }>(
    `SELECT doc FROM documents
      WHERE collection = 'dossier_events' AND NOT deleted AND dossier_id = ANY($1::text[])`,
    [dossiers.map((r) => r.id)],
  );
  const byDossier = new Map<string, DossierEvent[]>();
  for (const { doc } of events.rows) {
    const list = byDossier.get(doc.dossierId);
    if (list) list.push(doc);
    else byDossier.set(doc.dossierId, [doc]);
  }
  return dossiers.map(({ id, doc }) => reportRecord(doc, byDossier.get(id) ?? []));
}

/**
 * Brings report_records up to date: the dossiers whose document or events were written since the
 * watermark are read again and their records rewritten. Writers hold the write lock from taking a
 * sequence number to commit, so every change at or below the highest committed seq is visible and
 * the watermark never skips one. Refreshes run one at a time (an advisory lock). Answers how many
 * dossiers were rewritten.
 */
export async function refreshRecords(pool: pg.Pool): Promise<number> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(14, 0)');
    const from = Number(
      (await client.query<{ seq: string }>('SELECT seq FROM report_watermark WHERE id = 1')).rows[0]?.seq ??
        0,
    );
    const to = Number(
      // One max per collection: each is the end of its (collection, seq) index, where a max over
      // both collections at once reads every entry of both.
      (
        await client.query<{ seq: string | null }>(
          `SELECT greatest((SELECT max(seq) FROM documents WHERE collection = 'dossiers'),
                           (SELECT max(seq) FROM documents WHERE collection = 'dossier_events')) AS seq`,
        )
      ).rows[0]?.seq ?? 0,
    );
    let rewritten = 0;
    if (to > from) {
      const changed = await client.query<{ id: string }>(
        `SELECT DISTINCT CASE WHEN collection = 'dossiers' THEN id ELSE dossier_id END AS id
           FROM documents
          WHERE collection IN ('dossiers', 'dossier_events') AND seq > $1 AND seq <= $2`,
        [from, to],
      );
      const ids = changed.rows.map((r) => r.id).filter(Boolean);
      for (let at = 0; at < ids.length; at += PAGE) {
        const page = ids.slice(at, at + PAGE);
        const found = await client.query<{ id: string; doc: Dossier }>(
          `SELECT id, doc FROM documents WHERE collection = 'dossiers' AND NOT deleted AND id = ANY($1)`,
          [page],
        );
        const present = new Set(found.rows.map((r) => r.id));
        const records = await recordsOfDossiers(client, found.rows);
        await saveRecords(
          client,
          records,
          page.filter((id) => !present.has(id)),
        );
        rewritten += page.length;
      }
      await client.query('UPDATE report_watermark SET seq = $1 WHERE id = 1', [to]);
    }
    return rewritten;
  });
}
