import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { DeviceRole } from '../../shared/sync/contract';
import type { NoticeListener } from '../db/listener';
import type { Device } from './device';
import { enrol, hashSecret, issueEnrolCode } from './enrolment';

/** NOTIFY channel telling every server process that a device was revoked (payload: its id). */
const REVOCATION_CHANNEL = 'motcua_device_revoked';

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

/** The dossier-code slots of counters (codes/store.ts), as revoking a counter's last device frees one. */
export interface CounterSlots {
  retire(officeId: string, counterId: string): Promise<unknown>;
}

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

  issueEnrolCode(
    officeId: string,
    role: DeviceRole,
    ttlMinutes: number,
  ): Promise<{ code: string; expiresAt: string }> {
    return issueEnrolCode(this.pool, officeId, role, ttlMinutes);
  }

  /** Uses the code once; returns the device and its bearer token (only its hash is stored). */
  enrol(
    code: string,
    counterId: string,
    name: string,
  ): Promise<{ device: Device; token: string } | { error: 'enrol_code_invalid' | 'not_found' }> {
    return enrol(this.pool, code, counterId, name);
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
   * Refuses the device from now on and, when no other active device serves its counter, retires
   * the counter's dossier-code slot: the slot can go to a new counter, and the revoked PC (stolen,
   * broken, reinstalled) can never collide with it since none of its pushes is accepted any more.
   */
  async revokeDevice(deviceId: string): Promise<boolean> {
    // The NOTIFY goes out on commit, to every server process remembering devices.
    const res = await this.pool.query<{ office_id: string; counter_id: string; role: DeviceRole }>(
      `WITH r AS (UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL
                  RETURNING id, office_id, counter_id, role)
       SELECT office_id, counter_id, role, pg_notify('${REVOCATION_CHANNEL}', id) FROM r`,
      [deviceId],
    );
    const revoked = res.rows[0];
    if (!revoked) return false;
    this.remembered.clear();
    this.revocations.emit('revoked', deviceId);
    if (revoked.role === 'counter') {
      const others = await this.pool.query(
        `SELECT 1 FROM devices WHERE office_id = $1 AND counter_id = $2 AND role = 'counter' AND revoked_at IS NULL LIMIT 1`,
        [revoked.office_id, revoked.counter_id],
      );
      // codes.not_enrolled (the counter never asked for codes) leaves nothing to retire.
      if (others.rowCount === 0) await this.slots.retire(revoked.office_id, revoked.counter_id);
    }
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
