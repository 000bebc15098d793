import type pg from 'pg';
import type { Dossier, DossierEvent } from '../../shared/domain';
import type { PushRow, RejectReason, RejectedDocument } from '../../shared/sync/contract';
import { sameValue } from '../../shared/sync/merge';
import { foldOrder, validateHistory } from '../../shared/workflow/chain';
import { eventWindow, roleHeldDuring, type RolePeriod } from '../officers/role-periods';
import { checkAgainstChain } from './dossier-fold';

/**
 * The workflow checks of pushed documents (group-commit.ts runs them on each group of pushes before
 * the group takes the WRITE lock): events must hang off known events, be made by active officers of their office and
 * re-decide under the shared rules; a dossier must name an event the server holds and agree with it.
 * An event's officer is checked against the roster as it was at the event's time (role-periods.ts).
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
  /** `officeId|officerId` of officers named on pushed events → the roster's periods of their roles there. */
  actors: Map<string, RolePeriod[]>;
  /** Whole stored histories of the dossiers pushed or receiving events, plus events accepted in the group. */
  eventsByDossier: Map<string, DossierEvent[]>;
  eventById: Map<string, DossierEvent>;
}

export interface CheckNeeds {
  /** `officeId|officerId` of the officers named on pushed events. */
  actorKeys: Set<string>;
  officerIds: Set<string>;
  /** Dossiers pushed or receiving events: their whole stored history. */
  historyOf: Set<string>;
}

export function emptyNeeds(): CheckNeeds {
  return { actorKeys: new Set(), officerIds: new Set(), historyOf: new Set() };
}

/** Adds what checking these pushed documents will read. */
export function addNeeds(needs: CheckNeeds, collection: string, candidates: Accepted[]): void {
  for (const c of candidates) {
    if (collection === 'dossier_events') {
      const ev = c.doc as unknown as DossierEvent;
      needs.actorKeys.add(`${ev.officeId}|${ev.actorId}`);
      needs.officerIds.add(ev.actorId);
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
 * One round trip for a whole group: the roster's history of the officers named, and the histories of
 * the dossiers pushed or receiving events.
 */
export async function loadCheckContext(
  client: pg.Pool | pg.PoolClient,
  needs: CheckNeeds,
): Promise<CheckContext> {
  const ctx: CheckContext = { actors: new Map(), eventsByDossier: new Map(), eventById: new Map() };
  if (needs.actorKeys.size === 0 && needs.historyOf.size === 0) return ctx;
  const found = await client.query<{
    actor: string | null;
    roles: string[] | null;
    from_ms: number | null;
    to_ms: number | null;
    doc: unknown;
  }>(
    `SELECT office_id || '|' || officer_id AS actor, roles,
       extract(epoch FROM valid_from)::float8 * 1000 AS from_ms,
       extract(epoch FROM valid_to)::float8 * 1000 AS to_ms, NULL::json AS doc
     FROM officer_role_periods
     WHERE officer_id = ANY($1::text[]) AND office_id || '|' || officer_id = ANY($2::text[])
     UNION ALL
     SELECT NULL, NULL, NULL, NULL, doc FROM documents
     WHERE collection = 'dossier_events' AND dossier_id = ANY($3::text[])`,
    [[...needs.officerIds], [...needs.actorKeys], [...needs.historyOf]],
  );
  for (const r of found.rows) {
    if (r.actor === null) {
      remember(ctx, r.doc as DossierEvent);
      continue;
    }
    const period: RolePeriod = {
      roles: r.roles ?? [],
      from: r.from_ms ?? -Infinity,
      to: r.to_ms ?? Infinity,
    };
    const list = ctx.actors.get(r.actor);
    if (list) list.push(period);
    else ctx.actors.set(r.actor, [period]);
  }
  return ctx;
}

/** When a push reached the server (ms) and the clock skew allowed to its counter's clock. */
export interface EventTiming {
  arrivedAt: number;
  clockSkewMs: number;
}

/**
 * Separation of duties, as the roster was when the event was made: its officer held the role the
 * step was taken in, in the event's office, at some instant the event may have happened (its date
 * give or take the clock skew, and not after it arrived). Null when held, else the refusal.
 */
function refuseRole(ev: DossierEvent, ctx: CheckContext, timing: EventTiming): RejectedDocument | null {
  const periods = ctx.actors.get(`${ev.officeId}|${ev.actorId}`) ?? [];
  const verdict = roleHeldDuring(periods, ev.actorRole, eventWindow(ev.at, timing));
  if (verdict.ok) return null;
  const skewS = Math.round(timing.clockSkewMs / 1000);
  const detail =
    verdict.why === 'not_active'
      ? `officer ${ev.actorId} was not an active officer of office ${ev.officeId} at the event's time, ${ev.at} (the province's roster, give or take ${skewS} s of clock skew)`
      : `officer ${ev.actorId} does not hold the role ${ev.actorRole} in the province's roster at the event's time, ${ev.at} (held then: ${verdict.held.join(', ')}; give or take ${skewS} s of clock skew)`;
  return reject(ev.id, 403, 'officer_not_in_office', detail);
}

/**
 * Events are append-only and keyed by client ids, so they never conflict: a known id is a no-op
 * when identical and an edit otherwise. New events must be made in a role their officer held at
 * the time, hang off a known event (forks from offline counters are legitimate), and the whole
 * history must re-decide under the shared workflow rules.
 */
export function checkEvents(
  candidates: Accepted[],
  rejected: RejectedDocument[],
  ctx: CheckContext,
  timing: EventTiming,
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
    const refusal = refuseRole(ev, ctx, timing);
    if (refusal) {
      rejected.push(refusal);
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
