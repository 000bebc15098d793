import type { CounterReplica } from '../../app/replica';
import { counterCredential } from '../officers/connection';
import type { OfficerRecords } from '../officers/records';
import { createCountersService } from './remote-service';
import type { CountersService } from './service';

/** The counters page's service over this counter's officers and its sync credential. */
export function openCounters(replica: CounterReplica, records: OfficerRecords): CountersService {
  return createCountersService({
    officer: (id) => records.get(id),
    credential: () => counterCredential(replica.directory),
  });
}
