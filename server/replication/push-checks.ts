import type pg from 'pg';
import type { Dossier, DossierEvent } from '../../shared/domain';
import type { PushRow, RejectReason, RejectedDocument } from '../../shared/sync/contract';
import { sameValue } from '../../shared/sync/merge';
import { foldOrder, validateHistory } from '../../shared/workflow/chain';

/**
 * The workflow checks of pushed documents (group-commit.ts runs them on each group of pushes before
 * the group takes the WRITE lock): events must hang off known events, be made by active officers of their office and
 * re-decide under the shared rules; a dossier must name an event the server holds and agree with it.
 * What they read is fetched once per group (loadCheckContext), and events accepted for one push of
 * the group count as stored for the pushes after it.
 */

/** A pushed document that passed the schema, on its way to the checks and the write. */
export interface Accepted {
  row: PushRow;
  doc: Record<string, unknown>;
  /** JSON.stringify(doc), made once when the push was read. */
  json: string;
  deleted: boolean;
}

/** The refusal of an event whose id is already recorded with other content (events are immutable). */
export function recordedDifferently(ev: Pick<DossierEvent, 'id' | 'dossierId'>): RejectedDocument {
  return reject(
    ev.id,
    409,
    'immutable',
    `event ${ev.id} of dossier ${ev.dossierId} is already recorded differently`,
  );
}

export function reject(id: string, status: number, reason: RejectReason, detail: string): RejectedDocument {
  return { id, status, reason, detail: detail.slice(0, 2000) };
}

/** What the checks of one group read from the database. */
export interface CheckContext {
  /** `officeId|officerId` of active officers named on pushed events. */
  actors: Set<string>;
  /** Whole stored histories of the dossiers that receive events, plus events accepted in the group. */
  eventsByDossier: Map<string, DossierEvent[]>;
  eventById: Map<string, DossierEvent>;
  /**
   * For dossiers pushed without events: `dossierId|headHash` → the status that stored event leads
   * to, or null with the number of events stored when the server does not hold it.
   */
  heads: Map<string, { to: string | null; stored: number }>;
}

export interface CheckNeeds {
  actorKeys: Set<string>;
  /** Dossiers receiving events: their whole stored history. */
  historyOf: Set<string>;
  /** Dossiers pushed (id → the event they name as their latest): that event only. */
  headsOf: Map<string, string>;
}

export function emptyNeeds(): CheckNeeds {
  return { actorKeys: new Set(), historyOf: new Set(), headsOf: new Map() };
}

/** Adds what checking these pushed documents will read. */
export function addNeeds(needs: CheckNeeds, collection: string, candidates: Accepted[]): void {
  for (const c of candidates) {
    if (collection === 'dossier_events') {
      const ev = c.doc as unknown as DossierEvent;
      needs.actorKeys.add(`${ev.officeId}|${ev.actorId}`);
      needs.historyOf.add(ev.dossierId);
    } else if (collection === 'dossiers') {
      const d = c.doc as unknown as Dossier;
      if (!c.deleted && d.eventCount > 0) needs.headsOf.set(d.id, d.lastEventHash);
    }
  }
}

/** Counts an event as stored (one being written by the group ahead), unless the read found it. */
export function rememberStored(ctx: CheckContext, event: DossierEvent): void {
  if (!ctx.eventById.has(event.id)) remember(ctx, event);
}

function remember(ctx: CheckContext, event: DossierEvent): void {
  ctx.eventById.set(event.id, event);
  const list = ctx.eventsByDossier.get(event.dossierId);
  if (list) list.push(event);
  else ctx.eventsByDossier.set(event.dossierId, [event]);
}

/**
 * One round trip for a whole group: the officers named, the histories of dossiers receiving events,
 * and for dossiers pushed alone the one event each names (its status; how many are stored only
 * when it is missing, for the message). That event is nearly always the dossier's latest, so its
 * events are looked through newest first, by the hash and status columns (not their stored text).
 */
export async function loadCheckContext(
  client: pg.Pool | pg.PoolClient,
  needs: CheckNeeds,
): Promise<CheckContext> {
  const ctx: CheckContext = {
    actors: new Set(),
    eventsByDossier: new Map(),
    eventById: new Map(),
    heads: new Map(),
  };
  const heads = [...needs.headsOf].filter(([id]) => !needs.historyOf.has(id));
  if (needs.actorKeys.size === 0 && needs.historyOf.size === 0 && heads.length === 0) return ctx;
  const found = await client.query<{
    actor: string | null;
    doc: DossierEvent | null;
    head: string | null;
    head_to: string | null;
    stored: number | null;
  }>(
    `SELECT office_id || '|' || id AS actor, NULL::json AS doc, NULL AS head, NULL AS head_to, NULL::int AS stored
     FROM documents
     WHERE collection = 'officers' AND NOT deleted AND (doc->>'active')::boolean AND office_id || '|' || id = ANY($1::text[])
     UNION ALL
     SELECT NULL, doc, NULL, NULL, NULL FROM documents
     WHERE collection = 'dossier_events' AND dossier_id = ANY($2::text[])
     UNION ALL
     SELECT NULL, NULL, d.id || '|' || d.head, h.to,
            CASE WHEN h.to IS NULL THEN (SELECT count(*)::int FROM documents c
              WHERE c.collection = 'dossier_events' AND c.dossier_id = d.id) END
     FROM unnest($3::text[], $4::text[]) AS d(id, head)
     LEFT JOIN LATERAL (SELECT e.chain_to AS to FROM documents e
       WHERE e.collection = 'dossier_events' AND e.dossier_id = d.id AND e.chain_hash = d.head
       ORDER BY e.chain_seq DESC LIMIT 1) h ON true`,
    [[...needs.actorKeys], [...needs.historyOf], heads.map(([id]) => id), heads.map(([, head]) => head)],
  );
  for (const r of found.rows) {
    if (r.actor !== null) ctx.actors.add(r.actor);
    else if (r.doc) remember(ctx, r.doc);
    else if (r.head !== null) ctx.heads.set(r.head, { to: r.head_to, stored: r.stored ?? 0 });
  }
  return ctx;
}

/**
 * Events are append-only and keyed by client ids, so they never conflict: a known id is a no-op
 * when identical and an edit otherwise. New events must hang off a known event (forks from offline
 * counters are legitimate) and the whole history must re-decide under the shared workflow rules.
 */
export function checkEvents(
  candidates: Accepted[],
  rejected: RejectedDocument[],
  ctx: CheckContext,
): Accepted[] {
  const incomingByDossier = new Map<string, Accepted[]>();
  for (const c of candidates) {
    const ev = c.doc as unknown as DossierEvent;
    const existing = ctx.eventById.get(ev.id);
    if (existing) {
      if (!sameValue(existing, ev) || c.deleted) rejected.push(recordedDifferently(ev));
      continue; // the same event again: nothing to do
    }
    if (c.deleted) {
      rejected.push(reject(ev.id, 409, 'immutable', 'audit events cannot be deleted'));
      continue;
    }
    if (!ctx.actors.has(`${ev.officeId}|${ev.actorId}`)) {
      rejected.push(
        reject(
          ev.id,
          403,
          'officer_not_in_office',
          `officer ${ev.actorId} is not an active officer of office ${ev.officeId}`,
        ),
      );
      continue;
    }
    const list = incomingByDossier.get(ev.dossierId) ?? [];
    list.push(c);
    incomingByDossier.set(ev.dossierId, list);
  }
  const accepted: Accepted[] = [];
  for (const [dossierId, list] of incomingByDossier) {
    const base = ctx.eventsByDossier.get(dossierId) ?? [];
    const known = new Set(base.map((e) => e.hash));
    let batch: Accepted[] = [];
    const ordered = [...list].sort((a, b) =>
      foldOrder(a.doc as unknown as DossierEvent, b.doc as unknown as DossierEvent),
    );
    for (const c of ordered) {
      const ev = c.doc as unknown as DossierEvent;
      if (ev.prevHash !== '' && !known.has(ev.prevHash)) {
        rejected.push(
          reject(
            ev.id,
            409,
            'chain_broken',
            `event ${ev.id}: the event before it (seq ${ev.seq - 1}) has not arrived`,
          ),
        );
        continue;
      }
      known.add(ev.hash);
      batch.push(c);
    }
    // Re-decide the whole history; drop the first offending new event (and what hangs off it).
    while (batch.length > 0) {
      // Each pushed event passed the schema above; stored ones did on their way in, and were
      // validated then (as were the ones accepted earlier in this group): only the new ones are
      // decided, from the stored state, unless one sorts among the stored (an offline fork).
      const check = validateHistory([...base, ...batch.map((c) => c.doc as unknown as DossierEvent)], {
        schemaChecked: true,
        trusted: base.length,
      });
      if (check.ok) break;
      const bad = batch.find((c) => c.doc.id === check.eventId);
      if (!bad) {
        for (const c of batch)
          rejected.push(
            reject(String(c.doc.id), 422, 'history_invalid', `dossier ${dossierId}: ${check.reason}`),
          );
        batch = [];
        break;
      }
      const dropped = new Set([String((bad.doc as unknown as DossierEvent).hash)]);
      const keep: Accepted[] = [];
      for (const c of batch) {
        const ev = c.doc as unknown as DossierEvent;
        if (c === bad) {
          const reason = check.code === 'workflow.chain_broken' ? 'chain_broken' : 'history_invalid';
          rejected.push(
            reject(
              ev.id,
              reason === 'chain_broken' ? 409 : 422,
              reason,
              `event ${ev.id} (${ev.type}): ${check.reason}`,
            ),
          );
        } else if (dropped.has(ev.prevHash)) {
          dropped.add(ev.hash);
          rejected.push(reject(ev.id, 409, 'chain_broken', `event ${ev.id}: its parent was rejected`));
        } else keep.push(c);
      }
      batch = keep;
    }
    accepted.push(...batch);
    // Later pushes of the same group see these as stored.
    for (const c of batch) remember(ctx, c.doc as unknown as DossierEvent);
  }
  return accepted;
}

/** A dossier must name (lastEventHash) an event the server holds, and its status must be that event's. */
export function checkDossiers(
  candidates: Accepted[],
  rejected: RejectedDocument[],
  ctx: CheckContext,
): Accepted[] {
  const accepted: Accepted[] = [];
  for (const c of candidates) {
    const d = c.doc as unknown as Dossier;
    if (!c.deleted && d.eventCount > 0) {
      // The event it names: accepted earlier in this group, in a history read for the group, or read
      // on its own.
      const history = ctx.eventsByDossier.get(d.id);
      const known = history?.find((e) => e.hash === d.lastEventHash);
      const read = ctx.heads.get(`${d.id}|${d.lastEventHash}`);
      const head = {
        count: history?.length ?? read?.stored ?? 0,
        last: known ? { to: known.to } : read?.to ? { to: read.to } : undefined,
      };
      if (!head.last) {
        rejected.push(
          reject(
            d.id,
            409,
            'events_missing',
            `dossier ${d.code || d.id}: its latest event has not arrived (the server has ${head.count} of ${d.eventCount})`,
          ),
        );
        continue;
      }
      if (head.last.to !== d.status) {
        rejected.push(
          reject(
            d.id,
            422,
            'history_invalid',
            `dossier ${d.code || d.id}: status ${d.status} does not match its latest event (${head.last.to})`,
          ),
        );
        continue;
      }
    } else if (!c.deleted && d.eventCount === 0 && d.status === 'returned') {
      rejected.push(
        reject(d.id, 422, 'history_invalid', `dossier ${d.code || d.id}: returned without any recorded step`),
      );
      continue;
    }
    accepted.push(c);
  }
  return accepted;
}
