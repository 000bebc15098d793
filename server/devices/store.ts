import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { DeviceRole } from '../../shared/sync/contract';
import type { NoticeListener } from '../db/listener';
import { inTransaction } from '../db/tx';
import type { Device } from './device';
import type { CodeLayout } from '../../shared/codes/layout';
import type { CodesErrorKey } from '../../shared/codes/layout';
import { enrol, hashSecret, issueEnrolCode, REVOCATION_CHANNEL } from './enrolment';

/** A `devices` row as the queries below select it (DEVICE_COLUMNS). */
interface DeviceRow {
  id: string;
  office_id: string;
  counter_id: string;
  role: DeviceRole;
  name: string;
  revoked: boolean;
}
const DEVICE_COLUMNS = 'id, office_id, counter_id, role, name, revoked_at IS NOT NULL AS revoked';
const toDevice = (r: DeviceRow): Device => ({
  id: r.id,
  officeId: r.office_id,
  counterId: r.counter_id,
  role: r.role,
  name: r.name,
});

/** The device a revocation took, as revokeDevice's `within` sees it. */
export interface RevokedDevice {
  office_id: string;
  counter_id: string;
  role: DeviceRole;
}

/** A counter device's numbering, as its enrolment answers it (shared/codes enrolCounter). */
export interface Numbering {
  slot: number;
  layout: CodeLayout;
  fallbackClosedThrough: string | null;
}

/**
 * The dossier-code slots (codes/store.ts), one per enrolled counter device, keyed by the device id:
 * given at enrolment, retired when the device is revoked or replaced.
 */
export interface CounterSlots {
  slot(
    officeId: string,
    holder: string,
    opts: { newHolder?: boolean },
  ): Promise<({ ok: true } & Numbering) | { ok: false; error: CodesErrorKey }>;
  retire(officeId: string, holder: string): Promise<unknown>;
}

/** An enrolment code asked for an office there is not, a counter it does not have (or for a non-counter role). */
export class UnknownCounterError extends Error {
  constructor(officeId: string, counterId: string | null) {
    super(counterId === null ? `no office ${officeId}` : `no counter ${counterId} in office ${officeId}`);
    this.name = 'UnknownCounterError';
  }
}

export type DeviceEnrolment =
  | { device: Device; token: string; numbering: Numbering | null }
  | { error: 'enrol_code_invalid' | 'not_found' | 'no_free_slot' };

/** Devices: enrolment, authentication of every request, revocation, the province's list. */
export class DeviceStore {
  /** 'revoked' with the device id, for a revocation made by this process or heard from another. */
  readonly revocations = new EventEmitter<{ revoked: [deviceId: string] }>();
  /**
   * Active devices by token hash. Every request authenticates its device; a database round trip
   * each time is a large share of a small push. Remembered only while the listener hears
   * revocations (made by any server process or the CLI: revokeDevice NOTIFYs on commit), and
   * forgotten whenever it starts or stops listening.
   */
  private readonly remembered = new Map<string, Device>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly listener: NoticeListener,
    private readonly slots: CounterSlots,
  ) {
    this.revocations.setMaxListeners(0);
    listener.on(REVOCATION_CHANNEL, (deviceId) => {
      this.remembered.clear();
      if (deviceId) this.revocations.emit('revoked', deviceId);
    });
    listener.onReset(() => this.remembered.clear());
  }

  /**
   * A one-time code; for a counter PC, `counterId` names the counter it enrols as. Throws
   * UnknownCounterError when that is no counter of the office.
   */
  async issueEnrolCode(
    officeId: string,
    role: DeviceRole,
    ttlMinutes: number,
    counterId?: string,
  ): Promise<{ code: string; expiresAt: string }> {
    const issued = await issueEnrolCode(this.pool, officeId, role, ttlMinutes, counterId);
    if ('error' in issued)
      throw issued.error === 'no_office'
        ? new UnknownCounterError(officeId, null)
        : new UnknownCounterError(officeId, counterId ?? '');
    return issued;
  }

  /**
   * Uses the code once (./enrolment.ts: a code naming its counter replaces that counter's PC) and
   * gives a counter device its own numbering slot. The replaced devices are refused from now on and
   * their slots retired. With no slot left in the office the new device is revoked again.
   */
  async enrol(code: string, counterId: string, name: string): Promise<DeviceEnrolment> {
    const res = await enrol(this.pool, code, counterId, name);
    if ('error' in res) return res;
    const { device, token } = res;
    if (res.replaced.length > 0) {
      this.remembered.clear();
      for (const id of res.replaced) {
        this.revocations.emit('revoked', id);
        await this.slots.retire(device.officeId, id);
      }
    }
    if (device.role !== 'counter') return { device, token, numbering: null };
    const slot = await this.slots.slot(device.officeId, device.id, { newHolder: true });
    if (!slot.ok) {
      await this.revokeDevice(device.id);
      return { error: 'no_free_slot' };
    }
    const { slot: n, layout, fallbackClosedThrough } = slot;
    return { device, token, numbering: { slot: n, layout, fallbackClosedThrough } };
  }

  /** The device a bearer token belongs to; a revocation applies at once. */
  async authenticate(token: string): Promise<Device | 'revoked' | null> {
    const tokenHash = hashSecret(token);
    const cached = this.remembered.get(tokenHash);
    if (cached) return cached;
    const res = await this.pool.query<DeviceRow>(
      `SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = $1`,
      [tokenHash],
    );
    const row = res.rows[0];
    if (!row) return null;
    if (row.revoked) return 'revoked';
    const device = toDevice(row);
    if (this.listener.listening) this.remembered.set(tokenHash, device);
    return device;
  }

  /**
   * Refuses the device from now on and retires its dossier-code slot: the slot can go to a new
   * device, and the revoked PC (stolen, broken, reinstalled) can never collide with it since none of
   * its pushes is accepted any more.
   */
  async revokeDevice(
    deviceId: string,
    within?: (client: pg.PoolClient, revoked: RevokedDevice) => Promise<void>,
  ): Promise<boolean> {
    // The NOTIFY goes out on commit, to every server process remembering devices. `within` runs in
    // the same transaction (the admin console's audit record; throwing there revokes nothing).
    const revoked = await inTransaction(this.pool, async (client) => {
      const res = await client.query<RevokedDevice>(
        `WITH r AS (UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL
                    RETURNING id, office_id, counter_id, role)
         SELECT office_id, counter_id, role, pg_notify('${REVOCATION_CHANNEL}', id) FROM r`,
        [deviceId],
      );
      const row = res.rows[0];
      if (row && within) await within(client, row);
      return row;
    });
    if (!revoked) return false;
    this.remembered.clear();
    this.revocations.emit('revoked', deviceId);
    // codes.not_enrolled (a device that never had a slot) leaves nothing to retire.
    if (revoked.role === 'counter') await this.slots.retire(revoked.office_id, deviceId);
    return true;
  }

  async listDevices(officeId?: string): Promise<(Device & { revoked: boolean })[]> {
    const res = await this.pool.query<DeviceRow>(
      `SELECT ${DEVICE_COLUMNS} FROM devices WHERE $1::text IS NULL OR office_id = $1 ORDER BY created_at`,
      [officeId ?? null],
    );
    return res.rows.map((r) => ({ ...toDevice(r), revoked: r.revoked }));
  }
}
