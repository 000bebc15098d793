import { SETTING_KEYS } from '../../db';
import type { ReplicaDump } from './storage';

/**
 * Whether every office-bound document of a backup belongs to `officeId`: a backup of another
 * office would bring its officers and dossiers into this counter, so it is refused as a whole.
 */
export function dumpOfOffice(dump: ReplicaDump, officeId: string): boolean {
  const c = dump.collections;
  const own = (docs: Record<string, unknown>[] | undefined, field: string) =>
    (docs ?? []).every((doc) => doc[field] === officeId);
  const identity = (c.settings ?? []).find((doc) => doc.id === SETTING_KEYS.counterIdentity);
  const identityOffice = (identity?.value as { officeId?: unknown } | undefined)?.officeId;
  return (
    own(c.offices, 'id') &&
    own(c.counters, 'officeId') &&
    own(c.officers, 'officeId') &&
    own(c.dossiers, 'officeId') &&
    own(c.dossier_events, 'officeId') &&
    (identityOffice === undefined || identityOffice === officeId)
  );
}

/** Whether `data` has the shape of a replica dump (the format name and one array per collection). */
export function isReplicaDump(data: unknown): data is ReplicaDump {
  const dump = data as ReplicaDump | null;
  return (
    !!dump &&
    dump.format === 'motcua-replica' &&
    typeof dump.collections === 'object' &&
    !Object.values(dump.collections).some((docs) => !Array.isArray(docs))
  );
}
