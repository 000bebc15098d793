import type { CounterReplica } from '../../app/replica';
import { syncHost } from '../sync';
import { counterCredential, flushWithSync } from './connection';
import { createOfficerOutbox } from './outbox';
import { createOfficerRecords, type OfficerRecords } from './records';
import { createOfficersService } from './replica-service';
import type { OfficersService } from './service';

/**
 * The officers feature over this counter's replica: the officers as seen here, the outbox of
 * changes sent with the sync, and the service the screens use.
 */
export function openOfficers(replica: CounterReplica): {
  officers: OfficersService;
  records: OfficerRecords;
} {
  const records = createOfficerRecords(replica.directory, replica.directoryDb);
  const outbox = createOfficerOutbox({
    directory: replica.directory,
    records,
    credential: () => counterCredential(replica.directory),
  });
  flushWithSync(syncHost, outbox);
  const officers = createOfficersService({
    records,
    outbox,
    // While the data key is open, this wraps it for the officer's new password (web mode).
    wrapDataKey: (officer, password) => replica.unlockData(officer, password),
  });
  return { officers, records };
}
