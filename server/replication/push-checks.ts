import type pg from 'pg';
import type { Dossier, DossierEvent } from '../../shared/domain';
import type { PushRow, RejectReason, RejectedDocument } from '../../shared/sync/contract';
import { sameValue } from '../../shared/sync/merge';
import { foldOrder, validateHistory } from '../../shared/workflow/chain';
import { checkAgainstChain } from './dossier-fold';

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
  /** A dossier of a forked chain: the fields its fold decides were taken from the fold. */
  forced?: boolean;
  /** The version to store differs from the pushed one (the server made it from the chain). */
  derived?: boolean;
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
  /** `officeId|officerId` of active officers named on pushed events → their roles in the roster. */
  actors: Map<string, string[]>;
  /** Whole stored histories of the dossiers pushed or receiving events, plus events accepted in the group. */
  eventsByDossier: Map<string, DossierEvent[]>;
  eventById: Map<string, DossierEvent>;
}

export interface CheckNeeds {
  actorKeys: Set<string>;
  /** Dossiers pushed or receiving events: their whole stored history. */
  historyOf: Set<string>;
}

export function emptyNeeds(): CheckNeeds {
  return { actorKeys: new Set(), historyOf: new Set() };
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
      needs.historyOf.add(d.id);
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
 * One round trip for a whole group: the roster's roles of the officers named (active ones only), and
 * the histories of the dossiers pushed or receiving events.
 */
export async function loadCheckContext(
  client: pg.Pool | pg.PoolClient,
  needs: CheckNeeds,
): Promise<CheckContext> {
  const ctx: CheckContext = { actors: new Map(), eventsByDossier: new Map(), eventById: new Map() };
  if (needs.actorKeys.size === 0 && needs.historyOf.size === 0) return ctx;
  const found = await client.query<{ actor: string | null; doc: unknown }>(
    `SELECT office_id || '|' || id AS actor, doc->'roles' AS doc
     FROM documents
     WHERE collection = 'officers' AND NOT deleted AND (doc->>'active')::boolean AND office_id || '|' || id = ANY($1::text[])
     UNION ALL
     SELECT NULL, doc FROM documents
     WHERE collection = 'dossier_events' AND dossier_id = ANY($2::text[])`,
    [[...needs.actorKeys], [...needs.historyOf]],
  );
  for (const r of found.rows) {
    if (r.actor !== null) ctx.actors.set(r.actor, Array.isArray(r.doc) ? r.doc.map(String) : []);
    else remember(ctx, r.doc as DossierEvent);
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
    const roles = ctx.actors.get(`${ev.officeId}|${ev.actorId}`);
    if (!roles) {
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
    // Separation of duties: the role the step was taken in is one the roster gives the officer.
    if (!roles.includes(ev.actorRole)) {
      rejected.push(
        reject(
          ev.id,
          403,
          'officer_not_in_office',
          `officer ${ev.actorId} does not hold the role ${ev.actorRole} in the province's roster (holds ${roles.join(', ') || 'none'})`,
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

/**
 * A dossier must name (lastEventHash) an event the server holds and be the fold of its chain
 * (dossier-fold.ts). Where the chain forks, the fields the fold decides are taken from it: the
 * candidate then carries the version to store (`derived`), answered to the counter as a conflict.
 */
export function checkDossiers(
  candidates: Accepted[],
  rejected: RejectedDocument[],
  ctx: CheckContext,
): Accepted[] {
  const accepted: Accepted[] = [];
  for (const c of candidates) {
    const d = c.doc as unknown as Dossier;
    const history = ctx.eventsByDossier.get(d.id) ?? [];
    if (history.some((e) => e.officeId !== d.officeId)) {
      rejected.push(reject(d.id, 403, 'wrong_office', `dossier ${d.id} belongs to another office`));
      continue;
    }
    if (d.eventCount === 0) {
      rejected.push(
        reject(d.id, 422, 'history_invalid', `dossier ${d.code || d.id}: no recorded step makes it`),
      );
      continue;
    }
    const head = history.find((e) => e.hash === d.lastEventHash);
    if (!head) {
      rejected.push(
        reject(
          d.id,
          409,
          'events_missing',
          `dossier ${d.code || d.id}: its latest event has not arrived (the server has ${history.length} of ${d.eventCount})`,
        ),
      );
      continue;
    }
    const verdict = checkAgainstChain(d, history, head);
    if (!verdict.ok) {
      rejected.push(verdict.refusal);
      continue;
    }
    if (!verdict.forced) {
      accepted.push(c);
      continue;
    }
    const doc = { ...c.doc, ...verdict.forced };
    accepted.push(
      sameValue(doc, c.doc)
        ? { ...c, forced: true }
        : { ...c, doc, json: JSON.stringify(doc), forced: true, derived: true },
    );
  }
  return accepted;
}
