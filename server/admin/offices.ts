import type pg from 'pg';
import type { AdminCounter, AdminDevice, AdminOffice, OfficeInput } from '../../shared/admin/contract';
import { counterSchema, officeSchema, type Counter, type Office } from '../../shared/domain';
import type { WriteLock } from '../db/write-lock';
import { issueEnrolCode } from '../devices/enrolment';
import type { DeviceStore } from '../devices/store';
import type { StoredWrite } from '../replication/documents';
import type { ChangeNotices } from '../replication/notices';
import type { Admin } from './accounts';
import { recordAudit } from './audit';
import { writeDocuments } from '../replication/write-documents';
import { AdminRefusal, actorOf, requireOffice, requireProvinceAdmin } from './refusal';
import { inTransaction } from '../db/tx';

const docWrite = (collection: 'offices' | 'counters', doc: Office | Counter, admin: Admin): StoredWrite => ({
  collection,
  id: doc.id,
  office_id: collection === 'counters' ? (doc as Counter).officeId : null,
  deleted: false,
  doc: doc as unknown as Record<string, unknown>,
  written_by: `admin:${admin.username}`,
  replica: null,
});

async function docOf<T>(
  client: pg.ClientBase,
  collection: string,
  id: string,
  parse: (d: unknown) => T,
): Promise<T | null> {
  const { rows } = await client.query<{ doc: unknown }>(
    'SELECT doc FROM documents WHERE collection = $1 AND id = $2 AND NOT deleted',
    [collection, id],
  );
  return rows[0] ? parse(rows[0].doc) : null;
}

/**
 * Offices, their counters, enrolment codes and devices as the console manages them. Every change
 * is written with its audit record in one transaction; offices and counters are replicated
 * documents (counters receive them at their next sync), the sectors an office serves an admin
 * setting of the server.
 */
export class OfficeAdmin {
  constructor(
    private readonly pool: pg.Pool,
    private readonly writeLock: WriteLock,
    private readonly notices: ChangeNotices,
    private readonly devices: DeviceStore,
  ) {}

  async listOffices(admin: Admin): Promise<AdminOffice[]> {
    const { rows } = await this.pool.query<{ doc: unknown; sector_ids: string[] | null }>(
      `SELECT d.doc, s.sector_ids FROM documents d LEFT JOIN office_sectors s ON s.office_id = d.id
        WHERE d.collection = 'offices' AND NOT d.deleted AND ($1::text IS NULL OR d.id = $1)
        ORDER BY d.doc->>'name'`,
      [admin.officeId],
    );
    return rows.map((r) => ({ ...officeSchema.parse(r.doc), sectorIds: r.sector_ids ?? [] }));
  }

  /** Creates (`create`) or edits an office; its agency code is its own among the offices. */
  async saveOffice(admin: Admin, input: OfficeInput, create: boolean): Promise<AdminOffice> {
    if (create) requireProvinceAdmin(admin);
    else requireOffice(admin, input.id);
    return writeDocuments(this.writeLock, this.notices, async (client) => {
      const before = await docOf(client, 'offices', input.id, (d) => officeSchema.parse(d));
      if (create && before) throw new AdminRefusal(409, 'conflict', `office ${input.id} exists`);
      if (!create && !before) throw new AdminRefusal(404, 'not_found', `no office ${input.id}`);
      const clash = await client.query(
        `SELECT id FROM documents WHERE collection = 'offices' AND NOT deleted AND id <> $1 AND doc->>'agencyCode' = $2`,
        [input.id, input.agencyCode],
      );
      if ((clash.rowCount ?? 0) > 0)
        throw new AdminRefusal(409, 'conflict', `agency code ${input.agencyCode} belongs to another office`);
      const { sectorIds, ...fields } = input;
      const office = officeSchema.parse({ ...fields, updatedAt: new Date().toISOString() });
      const sectors = await client.query<{ sector_ids: string[] }>(
        'SELECT sector_ids FROM office_sectors WHERE office_id = $1',
        [input.id],
      );
      await client.query(
        `INSERT INTO office_sectors (office_id, sector_ids) VALUES ($1, $2)
         ON CONFLICT (office_id) DO UPDATE SET sector_ids = excluded.sector_ids`,
        [input.id, sectorIds],
      );
      await recordAudit(client, {
        actor: actorOf(admin),
        officeId: office.id,
        action: create ? 'office.create' : 'office.update',
        targetType: 'office',
        targetId: office.id,
        before: before ? { ...before, sectorIds: sectors.rows[0]?.sector_ids ?? [] } : undefined,
        after: { ...office, sectorIds },
      });
      return { writes: [docWrite('offices', office, admin)], result: { ...office, sectorIds } };
    });
  }

  /** The catalogue's sectors, for choosing those an office serves. */
  async listSectors(): Promise<{ id: string; name: string }[]> {
    const { rows } = await this.pool.query<{ id: string; name: string }>(
      `SELECT id, doc->>'name' AS name FROM documents WHERE collection = 'sectors' AND NOT deleted ORDER BY 2`,
    );
    return rows;
  }

  async listCounters(admin: Admin, officeId: string): Promise<AdminCounter[]> {
    requireOffice(admin, officeId);
    const { rows } = await this.pool.query<{ doc: unknown }>(
      `SELECT doc FROM documents WHERE collection = 'counters' AND office_id = $1 AND NOT deleted ORDER BY doc->>'name'`,
      [officeId],
    );
    return rows.map((r) => counterSchema.parse(r.doc));
  }

  async saveCounter(
    admin: Admin,
    officeId: string,
    input: { id: string; name: string },
    create: boolean,
  ): Promise<AdminCounter> {
    requireOffice(admin, officeId);
    return writeDocuments(this.writeLock, this.notices, async (client) => {
      if (!(await docOf(client, 'offices', officeId, (d) => d)))
        throw new AdminRefusal(404, 'not_found', `no office ${officeId}`);
      const before = await docOf(client, 'counters', input.id, (d) => counterSchema.parse(d));
      if (create && before) throw new AdminRefusal(409, 'conflict', `counter ${input.id} exists`);
      if (!create && before?.officeId !== officeId)
        throw new AdminRefusal(404, 'not_found', `no counter ${input.id} in office ${officeId}`);
      const counter = counterSchema.parse({ ...input, officeId, updatedAt: new Date().toISOString() });
      await recordAudit(client, {
        actor: actorOf(admin),
        officeId,
        action: create ? 'counter.create' : 'counter.update',
        targetType: 'counter',
        targetId: counter.id,
        before: before ?? undefined,
        after: counter,
      });
      return { writes: [docWrite('counters', counter, admin)], result: counter };
    });
  }

  /** A one-time code enrolling a PC as this counter (its active PC replaced at enrolment). */
  async issueCounterCode(
    admin: Admin,
    officeId: string,
    counterId: string,
    ttlMinutes: number,
  ): Promise<{ code: string; expiresAt: string; officeId: string; counterId: string }> {
    requireOffice(admin, officeId);
    return inTransaction(this.pool, async (client) => {
      const issued = await issueEnrolCode(client, officeId, 'counter', ttlMinutes, counterId);
      if ('error' in issued)
        throw new AdminRefusal(404, 'not_found', `no counter ${counterId} in office ${officeId}`);
      // The code itself is a credential: the log keeps only its expiry.
      await recordAudit(client, {
        actor: actorOf(admin),
        officeId,
        action: 'enrol_code.issue',
        targetType: 'counter',
        targetId: counterId,
        after: { expiresAt: issued.expiresAt, ttlMinutes },
      });
      return { ...issued, officeId, counterId };
    });
  }

  async listDevices(admin: Admin): Promise<AdminDevice[]> {
    const { rows } = await this.pool.query<{
      id: string;
      office_id: string;
      counter_id: string;
      role: string;
      name: string;
      created_at: Date;
      last_seen_at: Date | null;
      revoked_at: Date | null;
      app_version: string | null;
      clock_offset_ms: string | null;
      pending_changes: number | null;
    }>(
      `SELECT id, office_id, counter_id, role, name, created_at, last_seen_at, revoked_at,
              app_version, clock_offset_ms, pending_changes FROM devices
        WHERE $1::text IS NULL OR office_id = $1 ORDER BY revoked_at IS NOT NULL, created_at DESC`,
      [admin.officeId],
    );
    return rows.map((r) => ({
      id: r.id,
      officeId: r.office_id,
      counterId: r.counter_id,
      role: r.role,
      name: r.name,
      enrolledAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at?.toISOString() ?? null,
      revokedAt: r.revoked_at?.toISOString() ?? null,
      appVersion: r.app_version,
      clockOffsetMs: r.clock_offset_ms === null ? null : Number(r.clock_offset_ms),
      pending: r.pending_changes,
    }));
  }

  /** Revokes (stolen, broken) or retires (replaced) a device; its numbering slot is retired with it. */
  async revokeDevice(admin: Admin, deviceId: string, reason: 'revoked' | 'retired'): Promise<void> {
    const ok = await this.devices.revokeDevice(deviceId, async (client, revoked) => {
      requireOffice(admin, revoked.office_id);
      await recordAudit(client, {
        actor: actorOf(admin),
        officeId: revoked.office_id,
        action: reason === 'retired' ? 'device.retire' : 'device.revoke',
        targetType: 'device',
        targetId: deviceId,
        before: { counterId: revoked.counter_id, role: revoked.role, revoked: false },
        after: { revoked: true, reason },
      });
    });
    if (!ok) throw new AdminRefusal(404, 'not_found', `no active device ${deviceId}`);
  }
}
