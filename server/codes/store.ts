import type pg from 'pg';
import {
  enrolCounter,
  grantLease,
  retireCounter,
  type CodeLease,
  type LeaseResult,
  type LeaseServerState,
  type OfficeCodeState,
} from '../../shared/codes/lease';
import { inTransaction } from '../db/tx';

/** Vietnam's calendar date now (UTC+7, no daylight saving). */
export function vietnamToday(now = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The slot-table key of one allocator epoch of a device (see CodeLeaseStore.slot). */
const epochHolder = (holder: string, epoch: string): string => `${holder}#${epoch}`;

/**
 * Dossier-code leases (shared/codes) persisted in PostgreSQL: one row per office holding its lease
 * state, locked FOR UPDATE for the whole load → decide → store, so two counters asking at once can
 * never read the same high-water mark.
 */
export class CodeLeaseStore {
  constructor(private readonly pool: pg.Pool) {}

  private async withOffice<T>(
    officeId: string,
    step: (state: LeaseServerState) => LeaseResult<T>,
  ): Promise<LeaseResult<T>> {
    return inTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO code_lease_state (office_id, state) VALUES ($1, 'null') ON CONFLICT DO NOTHING`,
        [officeId],
      );
      const row = await client.query<{ state: OfficeCodeState | null }>(
        'SELECT state FROM code_lease_state WHERE office_id = $1 FOR UPDATE',
        [officeId],
      );
      const current: LeaseServerState = {
        offices: row.rows[0]?.state ? { [officeId]: row.rows[0].state } : {},
      };
      const result = step(current);
      const office = result.state.offices[officeId];
      if (office)
        await client.query(
          'UPDATE code_lease_state SET state = $2, updated_at = now() WHERE office_id = $1',
          [officeId, JSON.stringify(office)],
        );
      return result;
    });
  }

  /**
   * The numbering slot of `holder` (the enrolled device's id: two PCs never share a slot), given on
   * first use and idempotent after. `newHolder` when the device was enrolled just now.
   *
   * With `epoch`: the slot of that allocator epoch of the device. A counter whose state was restored
   * from a backup or found to be a copy takes a new epoch and asks for a slot for it: it gets one of
   * its own, since the copy it came from (another PC restoring the same backup, a copied browser
   * profile with the same credential) may still number from the device's first slot. Idempotent per
   * epoch, so an answer lost in transit is asked again without taking another slot.
   */
  slot(officeId: string, holder: string, opts: { newHolder?: boolean; today?: string; epoch?: string } = {}) {
    const today = opts.today ?? vietnamToday();
    const counterId = opts.epoch === undefined ? holder : epochHolder(holder, opts.epoch);
    return this.withOffice(officeId, (s) =>
      enrolCounter(s, { officeId, counterId, today, newHolder: opts.newHolder }),
    );
  }

  /**
   * Grants the next block to `holder` (enrolling it in its office's slot table first if needed). The
   * request's counterId is only echoed back in the lease: the slot table and the generations are
   * kept per holder, whatever the counter says.
   */
  async lease(
    holder: string,
    request: { officeId: string; counterId: string } & Record<string, unknown>,
    today = vietnamToday(),
  ): Promise<LeaseResult<{ lease: CodeLease }>> {
    const { officeId } = request;
    const res = await this.withOffice(officeId, (s) => {
      const enrolled = enrolCounter(s, { officeId, counterId: holder, today });
      return grantLease(enrolled.ok ? enrolled.state : s, { ...request, counterId: holder });
    });
    return res.ok ? { ...res, lease: { ...res.lease, counterId: request.counterId } } : res;
  }

  /** Frees `holder`'s slots, the first and any of a later epoch (its device revoked or replaced). */
  retire(officeId: string, holder: string, today = vietnamToday()) {
    return this.withOffice(officeId, (s) => {
      const keys = Object.keys(s.offices[officeId]?.slots ?? {}).filter(
        (key) => key === holder || key.startsWith(epochHolder(holder, '')),
      );
      let result: LeaseResult<{ slot: number }> = retireCounter(s, { officeId, counterId: holder, today });
      for (const key of keys.filter((k) => k !== holder)) {
        const next = retireCounter(result.state, { officeId, counterId: key, today });
        if (next.ok) result = result.ok ? { ...next, slot: result.slot } : next;
      }
      return result;
    });
  }
}
