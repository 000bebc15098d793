import type pg from 'pg';
import { officerSchema, type Officer } from '../../shared/domain';
import {
  COUNTER_CHANGE_WINDOW_MS,
  verifyCounterChangeSignature,
  type CounterChange,
  type CounterChangeRefusal,
  type IssuedCodeResponse,
  type OfficeCountersResponse,
  type SignedCounterChange,
} from '../../shared/officers';
import type { Admin } from '../admin/accounts';
import { recordAudit } from '../admin/audit';
import type { OfficeAdmin } from '../admin/offices';
import { MAX_ENROL_CODE_TTL_MIN } from '../config';
import { inTransaction } from '../db/tx';
import type { Device } from '../devices/device';
import { issueEnrolCode } from '../devices/enrolment';
import type { DeviceStore } from '../devices/store';

/** A request refused: its reason (shared/officers COUNTER_CHANGE_REFUSALS) and the HTTP status. */
export class CounterChangeRefused extends Error {
  constructor(
    readonly reason: CounterChangeRefusal,
    readonly status: 403 | 404 | 409 = 403,
  ) {
    super(reason);
    this.name = 'CounterChangeRefused';
  }
}

const refuse = (reason: CounterChangeRefusal, status: 403 | 404 | 409 = 403): never => {
  throw new CounterChangeRefused(reason, status);
};

/**
 * The office admin's requests about the office's counters, from a counter app. The counter's token
 * only says which office the PC belongs to; everything else is checked here against the server's
 * own records: the actor an active admin of that office now, the signature by the key of the
 * password the server knows for them, the request recent and never seen before. The listing and
 * the changes are the console's (OfficeAdmin, issueEnrolCode, DeviceStore.revokeDevice), and each
 * change is written to the console's audit log in the transaction that makes it.
 */
export class OfficeCounters {
  constructor(
    private readonly pool: pg.Pool,
    private readonly offices: OfficeAdmin,
    private readonly devices: DeviceStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks the request and its actor; answers the actor. */
  private async check(device: Device, signed: SignedCounterChange): Promise<Officer> {
    const { change } = signed;
    const { rows } = await this.pool.query<{ doc: unknown }>(
      `SELECT doc FROM documents WHERE collection = 'officers' AND id = $1 AND NOT deleted`,
      [change.actorId],
    );
    const actor = rows[0] ? officerSchema.parse(rows[0].doc) : refuse('unknown_officer');
    if (actor.officeId !== device.officeId) refuse('other_office');
    if (!actor.active) refuse('actor_inactive');
    if (!actor.roles.includes('admin')) refuse('not_admin');
    if (!actor.signingKey) refuse('no_signing_key');
    if (!verifyCounterChangeSignature(signed, actor.signingKey!)) refuse('bad_signature');
    if (Math.abs(Date.parse(change.at) - this.now()) > COUNTER_CHANGE_WINDOW_MS) refuse('stale');
    // claim() decides atomically; this answers a replay as one whatever it asks.
    const seen = await this.pool.query('SELECT 1 FROM counter_changes WHERE id = $1', [change.id]);
    if ((seen.rowCount ?? 0) > 0) refuse('duplicate', 409);
    return actor;
  }

  /** Records the request's id in the transaction `client`; a replay finds it there. */
  private async claim(client: pg.ClientBase, device: Device, change: CounterChange): Promise<void> {
    const res = await client.query(
      `INSERT INTO counter_changes (id, office_id, kind, actor_id, device_id, made_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [change.id, device.officeId, change.kind, change.actorId, device.id, change.at],
    );
    if ((res.rowCount ?? 0) === 0) refuse('duplicate', 409);
  }

  /** The office admin as the console's store functions and audit log know an admin. */
  private static adminOf(actor: Officer): Admin {
    return {
      id: actor.id,
      username: `officer:${actor.username}`,
      officeId: actor.officeId,
      totpEnabled: false,
    };
  }

  async list(device: Device, signed: SignedCounterChange): Promise<OfficeCountersResponse> {
    if (signed.change.kind !== 'list') throw new TypeError('a list request');
    const admin = OfficeCounters.adminOf(await this.check(device, signed));
    await inTransaction(this.pool, (client) => this.claim(client, device, signed.change));
    const [counters, devices] = await Promise.all([
      this.offices.listCounters(admin, device.officeId),
      this.offices.listDevices(admin),
    ]);
    return { counters, devices: devices.filter((d) => d.officeId === device.officeId) };
  }

  async issueCode(device: Device, signed: SignedCounterChange): Promise<IssuedCodeResponse> {
    const { change } = signed;
    if (change.kind !== 'issue_code') throw new TypeError('an issue_code request');
    const admin = OfficeCounters.adminOf(await this.check(device, signed));
    if (change.ttlMinutes > MAX_ENROL_CODE_TTL_MIN) refuse('too_long');
    return inTransaction(this.pool, async (client) => {
      await this.claim(client, device, change);
      const issued = await issueEnrolCode(
        client,
        device.officeId,
        'counter',
        change.ttlMinutes,
        change.counterId,
      );
      if ('error' in issued) return refuse('unknown_counter', 404);
      // The code itself is a credential: the log keeps only its expiry.
      await recordAudit(client, {
        actor: admin.username,
        officeId: device.officeId,
        action: 'enrol_code.issue',
        targetType: 'counter',
        targetId: change.counterId,
        after: {
          expiresAt: issued.expiresAt,
          ttlMinutes: change.ttlMinutes,
          via: device.id,
          change: change.id,
        },
      });
      return { ...issued, officeId: device.officeId, counterId: change.counterId };
    });
  }

  async revoke(
    device: Device,
    signed: SignedCounterChange,
  ): Promise<{ deviceId: string; reason: 'revoked' | 'retired' }> {
    const { change } = signed;
    if (change.kind !== 'revoke_device') throw new TypeError('a revoke_device request');
    const admin = OfficeCounters.adminOf(await this.check(device, signed));
    // The PC the admin works on stays: revoking it would lock them out mid-request.
    if (change.deviceId === device.id) refuse('own_device', 409);
    const done = await this.devices.revokeDevice(change.deviceId, async (client, revoked) => {
      // Another office's PC is as unknown here as one that does not exist.
      if (revoked.office_id !== device.officeId) refuse('unknown_device', 404);
      await this.claim(client, device, change);
      await recordAudit(client, {
        actor: admin.username,
        officeId: revoked.office_id,
        action: change.reason === 'retired' ? 'device.retire' : 'device.revoke',
        targetType: 'device',
        targetId: change.deviceId,
        before: { counterId: revoked.counter_id, role: revoked.role, revoked: false },
        after: { revoked: true, reason: change.reason, via: device.id, change: change.id },
      });
    });
    if (!done) refuse('unknown_device', 404);
    return { deviceId: change.deviceId, reason: change.reason };
  }
}
