import type { Dossier, DossierEvent, DossierStatus } from '../../shared/domain';
import { vnDay, vnDayStartIso, CLOCK_STATUSES } from './counts';
import type { CounterDatabase } from './database';
import { fromDossierDoc } from './dossier-doc';
import { createDossierLookup } from './dossier-lookup';
import { findPlainByIds, rangeCount, rangeRead, stripMeta, MAX_KEY, MIN_KEY } from './queries';
import type { DossierDoc } from './schemas';

export type QueueCursor = { dueAt: string; id: string };
export type QueuePage = { items: Dossier[]; next: QueueCursor | null };

const DEFAULT_LIMIT = 50;

/**
 * The reads of dossiers and their events, by the indexes of schemas.ts: the queues, today's list
 * and the register, the code / ID / phone / name lookups, one dossier and its history. They serve
 * several features (queue, register, dossier, printing, sync conflicts), so they stay one module.
 */
export function createDossierReads(db: CounterDatabase, opts: { now: () => Date; dueSoonDays: number }) {
  const { now, dueSoonDays } = opts;
  const dossiers = db.dossiers;
  const toList = (docs: DossierDoc[]) => docs.map(fromDossierDoc);

  async function getDossier(id: string): Promise<Dossier | null> {
    const [doc] = await findPlainByIds(dossiers, [id]);
    return doc ? fromDossierDoc(doc) : null;
  }

  async function listQueue(opts: {
    status: DossierStatus;
    limit?: number;
    after?: QueueCursor | null;
    /** Only dossiers due strictly before this instant (overdue lists). */
    dueBefore?: string;
    /** Only dossiers due at or after this instant. */
    dueFrom?: string;
  }): Promise<QueuePage> {
    const limit = opts.limit ?? DEFAULT_LIMIT;
    const { status, after, dueFrom, dueBefore } = opts;
    // One index range on [status, dueAt, id]; a keyset cursor continues after (dueAt, id), so ties
    // on dueAt (many are due at 17:00) page correctly.
    const resumeAfter = after && !(dueFrom && dueFrom > after.dueAt);
    const items = await rangeRead(dossiers, {
      fields: ['status', 'dueAt'],
      lower: resumeAfter ? [status, after.dueAt, after.id] : [status, dueFrom ?? MIN_KEY, MIN_KEY],
      includeLower: !resumeAfter,
      upper: dueBefore ? [status, dueBefore, MIN_KEY] : [status, MAX_KEY, MAX_KEY],
      limit,
    });
    const last = items.length === limit ? items[items.length - 1] : undefined;
    return { items: toList(items), next: last ? { dueAt: last.dueAt, id: last.id } : null };
  }

  /** Several statuses merged by due date (e.g. everything a role must act on). */
  async function listStatuses(statuses: readonly DossierStatus[], limit = DEFAULT_LIMIT): Promise<Dossier[]> {
    const pages = await Promise.all(statuses.map((status) => listQueue({ status, limit })));
    return pages
      .flatMap((p) => p.items)
      .sort((a, b) => (a.dueAt === b.dueAt ? (a.id < b.id ? -1 : 1) : a.dueAt < b.dueAt ? -1 : 1))
      .slice(0, limit);
  }

  async function listOverdue(limit = DEFAULT_LIMIT): Promise<Dossier[]> {
    const at = now().toISOString();
    const pages = await Promise.all(
      CLOCK_STATUSES.map((status) => listQueue({ status, limit, dueFrom: '0', dueBefore: at })),
    );
    return mergeByDue(
      pages.flatMap((p) => p.items),
      limit,
    );
  }

  async function listDueSoon(limit = DEFAULT_LIMIT): Promise<Dossier[]> {
    const t = now();
    const end = vnDayStartIso(vnDay(t.getTime() + (dueSoonDays + 1) * 86_400_000));
    const pages = await Promise.all(
      CLOCK_STATUSES.map((status) => listQueue({ status, limit, dueFrom: t.toISOString(), dueBefore: end })),
    );
    return mergeByDue(
      pages.flatMap((p) => p.items),
      limit,
    );
  }

  /** Dossiers received in [fromIso, toIso), oldest first (today's list, the yearly register). */
  async function listReceivedBetween(fromIso: string, toIso: string, limit = 500): Promise<Dossier[]> {
    return toList(
      await rangeRead(dossiers, {
        fields: ['receivedAt'],
        lower: [fromIso, MIN_KEY],
        upper: [toIso, MIN_KEY],
        limit,
      }),
    );
  }

  async function listReceivedToday(limit = 500): Promise<Dossier[]> {
    const t = now();
    const today = vnDay(t.getTime());
    const tomorrow = vnDayStartIso(vnDay(t.getTime() + 86_400_000));
    return listReceivedBetween(vnDayStartIso(today), tomorrow, limit);
  }

  /** How many dossiers were received today (Vietnam time): a short index range count. */
  async function countReceivedToday(): Promise<number> {
    const t = now();
    return rangeCount(dossiers, {
      fields: ['receivedAt'],
      lower: [vnDayStartIso(vnDay(t.getTime())), MIN_KEY],
      upper: [vnDayStartIso(vnDay(t.getTime() + 86_400_000)), MIN_KEY],
    });
  }

  async function findByCode(code: string): Promise<Dossier | null> {
    const clean = code.trim().toUpperCase();
    if (!clean) return null;
    const [doc] = await rangeRead(dossiers, {
      fields: ['code'],
      lower: [clean, MIN_KEY],
      upper: [clean, MAX_KEY],
      limit: 1,
    });
    return doc ? fromDossierDoc(doc) : null;
  }

  const { searchByName, findByIdNumber, findByPhone, lookup } = createDossierLookup(db, findByCode);

  async function eventsOf(dossierId: string): Promise<DossierEvent[]> {
    const events = await rangeRead(db.dossier_events, {
      fields: ['dossierId', 'seq'],
      lower: [dossierId, MIN_KEY, MIN_KEY],
      upper: [dossierId, MAX_KEY, MAX_KEY],
    });
    return events.map(stripMeta);
  }

  /** Every event of the replica, grouped by dossier in chain order (reports read whole periods). */
  async function eventsByDossier(): Promise<Map<string, DossierEvent[]>> {
    const events = await rangeRead(db.dossier_events, {
      fields: ['dossierId', 'seq'],
      lower: [MIN_KEY, MIN_KEY, MIN_KEY],
      upper: [MAX_KEY, MAX_KEY, MAX_KEY],
    });
    const grouped = new Map<string, DossierEvent[]>();
    for (const doc of events) {
      const event = stripMeta(doc);
      const list = grouped.get(event.dossierId);
      if (list) list.push(event);
      else grouped.set(event.dossierId, [event]);
    }
    return grouped;
  }

  async function dossierWithEvents(id: string): Promise<{ dossier: Dossier; events: DossierEvent[] } | null> {
    const [dossier, events] = await Promise.all([getDossier(id), eventsOf(id)]);
    return dossier ? { dossier, events } : null;
  }

  return {
    getDossier,
    listQueue,
    listStatuses,
    listOverdue,
    listDueSoon,
    listReceivedBetween,
    listReceivedToday,
    countReceivedToday,
    findByCode,
    searchByName,
    findByIdNumber,
    findByPhone,
    lookup,
    eventsOf,
    eventsByDossier,
    dossierWithEvents,
  };
}

function mergeByDue(items: Dossier[], limit: number): Dossier[] {
  return items
    .sort((a, b) => (a.dueAt === b.dueAt ? (a.id < b.id ? -1 : 1) : a.dueAt < b.dueAt ? -1 : 1))
    .slice(0, limit);
}
