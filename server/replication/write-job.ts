import type { CollectionName, PushResponse } from '../../shared/sync/contract';
import type { DossierEvent } from '../../shared/domain';
import type { Device } from '../devices/device';
import type { Accepted, EventTiming } from './push-checks';

/** What the write stage answers for one push: conflicts, and refusals made by the checks. */
export type WriteOutcome = Omit<PushResponse, 'serverTime'>;

/** One push waiting for the group commit: documents that passed the schema, not yet the checks. */
export interface WriteJob {
  device: Device;
  /** The pushing replica (REPLICA_HEADER), if it named itself. */
  replica: string | null;
  collection: CollectionName;
  candidates: Accepted[];
  /** When the push arrived and the clock skew allowed (the roster is read at its events' time). */
  timing: EventTiming;
  done: (outcome: WriteOutcome) => void;
  fail: (err: unknown) => void;
}

/** A group of pushes checked and ready to write; `events` are the events it accepted. */
export interface PreparedGroup {
  jobs: WriteJob[];
  outcomes: WriteOutcome[];
  checked: Accepted[][];
  events: DossierEvent[];
}
