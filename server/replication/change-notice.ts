import type pg from 'pg';
import { z } from 'zod';
import { collectionNameSchema, type CollectionName } from '../../shared/sync/contract';

/** What a commit changed, as the live streams of the devices that may see it are told. */
export interface ChangeNotice {
  collection: CollectionName;
  /** Offices whose documents changed; null inside means a document visible to all. */
  officeIds: (string | null)[];
  /**
   * The replicas whose pushes the changed versions are (REPLICA_HEADER); null inside means one the
   * server wrote or whose writer is unknown. A replica whose own pushes are all of it has nothing to
   * pull.
   */
  replicas: (string | null)[];
}

/** A written row of the documents table as a ChangeNotice tells of it. */
export interface ChangedRow {
  collection: CollectionName;
  office_id: string | null;
  replica: string | null;
}

/**
 * NOTIFY channel telling every server process which collections and offices a commit changed, so
 * the live streams of devices connected to any of them say "resync" (a ChangeNotice and the
 * sender, as JSON).
 */
export const CHANGES_CHANNEL = 'motcua_changes';

const changeNoticeSchema = z.object({
  collection: collectionNameSchema,
  officeIds: z.array(z.string().nullable()),
  replicas: z.array(z.string().nullable()).default([null]),
  sender: z.string(),
});

/**
 * PostgreSQL refuses NOTIFY payloads from 8000 bytes; a larger notice names every office and an
 * unknown writer (null).
 */
const MAX_NOTICE_BYTES = 7000;

/** What changed, by collection: the offices of the rows written and the replicas that wrote them. */
export function noticesOf(rows: ChangedRow[]): ChangeNotice[] {
  const changed = new Map<CollectionName, { offices: Set<string | null>; replicas: Set<string | null> }>();
  for (const r of rows) {
    let c = changed.get(r.collection);
    if (!c) changed.set(r.collection, (c = { offices: new Set(), replicas: new Set() }));
    c.offices.add(r.office_id);
    c.replicas.add(r.replica);
  }
  return [...changed].map(([collection, c]) => ({
    collection,
    officeIds: [...c.offices],
    replicas: [...c.replicas],
  }));
}

/** The SQL of a COMMIT with the NOTIFYs of what it changed, delivered by it (one round trip). */
export function commitNotifyingSql(client: pg.PoolClient, notices: ChangeNotice[], sender: string): string {
  const notify = notices.map((notice) => {
    let payload = JSON.stringify({ ...notice, sender });
    if (Buffer.byteLength(payload) > MAX_NOTICE_BYTES)
      payload = JSON.stringify({
        collection: notice.collection,
        officeIds: [null],
        replicas: [null],
        sender,
      });
    return `SELECT pg_notify('${CHANGES_CHANNEL}', ${client.escapeLiteral(payload)});`;
  });
  return `${notify.join(' ')} COMMIT`;
}

/** The notice in a CHANGES_CHANNEL payload and the process that sent it; null when it is not one. */
export function parseNotice(payload: string | undefined): (ChangeNotice & { sender: string }) | null {
  let parsed: ReturnType<typeof changeNoticeSchema.safeParse>;
  try {
    parsed = changeNoticeSchema.safeParse(JSON.parse(payload ?? ''));
  } catch {
    return null;
  }
  return parsed.success ? parsed.data : null;
}
