import type pg from 'pg';
import {
  enrolCounter,
  grantLease,
  retireCounter,
  type LeaseResult,
  type LeaseServerState,
  type OfficeCodeState,
} from '../../shared/codes/lease';

/** Vietnam's calendar date now (UTC+7, no daylight saving). */
export function vietnamToday(now = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
}

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
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
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
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /** The counter's numbering slot (given on first use, idempotent after). */
  slot(officeId: string, counterId: string, today = vietnamToday()) {
    return this.withOffice(officeId, (s) => enrolCounter(s, { officeId, counterId, today }));
  }

  /** Grants the next block; enrols the counter in its office's slot table first if needed. */
  lease(request: { officeId: string; counterId: string } & Record<string, unknown>, today = vietnamToday()) {
    return this.withOffice(request.officeId, (s) => {
      const enrolled = enrolCounter(s, { officeId: request.officeId, counterId: request.counterId, today });
      return grantLease(enrolled.ok ? enrolled.state : s, request);
    });
  }

  retire(officeId: string, counterId: string, today = vietnamToday()) {
    return this.withOffice(officeId, (s) => retireCounter(s, { officeId, counterId, today }));
  }
}
