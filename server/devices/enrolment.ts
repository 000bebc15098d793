import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DeviceRole } from '../../shared/sync/contract';
import { MAX_ENROL_CODE_TTL_MIN } from '../config';
import { inTransactionOr, Rollback } from '../db/tx';
import type { Device } from './device';

/** What the database keeps of a code or a token: its SHA-256, never the secret itself. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newEnrolCode(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (let i = 0; i < 12; i++) {
    out += CODE_ALPHABET[bytes[i]! % CODE_ALPHABET.length];
    if (i === 3 || i === 7) out += '-';
  }
  return out;
}

function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * A one-time enrolment code for a device of `officeId` with `role`, valid `ttlMinutes`; for a counter
 * PC, `counterId` names the counter it enrols as (it must be a counter of that office).
 */
export async function issueEnrolCode(
  pool: pg.Pool | pg.PoolClient,
  officeId: string,
  role: DeviceRole,
  ttlMinutes: number,
  counterId?: string,
): Promise<{ code: string; expiresAt: string } | { error: 'not_found' | 'no_office' }> {
  if (!Number.isInteger(ttlMinutes) || ttlMinutes < 1 || ttlMinutes > MAX_ENROL_CODE_TTL_MIN)
    throw new RangeError(
      `an enrolment code is valid 1 to ${MAX_ENROL_CODE_TTL_MIN} minutes, not ${ttlMinutes}`,
    );
  const office = await pool.query(
    `SELECT 1 FROM documents WHERE collection = 'offices' AND id = $1 AND NOT deleted`,
    [officeId],
  );
  if (office.rowCount === 0) return { error: 'no_office' };
  if (counterId !== undefined) {
    if (role !== 'counter') return { error: 'not_found' };
    const counter = await pool.query(
      `SELECT 1 FROM documents WHERE collection = 'counters' AND id = $1 AND office_id = $2 AND NOT deleted`,
      [counterId, officeId],
    );
    if (counter.rowCount === 0) return { error: 'not_found' };
  }
  const code = newEnrolCode();
  const expires = new Date(Date.now() + ttlMinutes * 60_000);
  await pool.query(
    'INSERT INTO enrol_codes (code_hash, office_id, role, expires_at, counter_id) VALUES ($1, $2, $3, $4, $5)',
    [hashSecret(normaliseCode(code)), officeId, role, expires, counterId ?? null],
  );
  return { code, expiresAt: expires.toISOString() };
}

/** The NOTIFY channel of revocations (DeviceStore listens to it). */
export const REVOCATION_CHANNEL = 'motcua_device_revoked';

export type EnrolResult =
  { device: Device; token: string; replaced: string[] } | { error: 'enrol_code_invalid' | 'not_found' };

/**
 * Uses the code once; returns the device, its bearer token (only its hash is stored) and the ids of
 * the devices it replaces. A code naming its counter enrols the PC as that counter whatever the PC
 * asks, and replaces the counter's active PC (revoked in the same transaction): one counter, one PC.
 * A code naming none keeps the PC's own choice of counter and replaces nobody.
 */
export async function enrol(
  pool: pg.Pool,
  code: string,
  askedCounterId: string,
  name: string,
): Promise<EnrolResult> {
  return inTransactionOr<EnrolResult>(pool, async (client) => {
    const found = await client.query<{ office_id: string; role: DeviceRole; counter_id: string | null }>(
      `UPDATE enrol_codes SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING office_id, role, counter_id`,
      [hashSecret(normaliseCode(code))],
    );
    const grant = found.rows[0];
    if (!grant) {
      throw new Rollback<EnrolResult>({ error: 'enrol_code_invalid' });
    }
    const counterId = grant.counter_id ?? askedCounterId;
    // Every device is a PC of a counter its office has (a province admin's too).
    const counter = await client.query(
      `SELECT 1 FROM documents WHERE collection = 'counters' AND id = $1 AND office_id = $2 AND NOT deleted`,
      [counterId, grant.office_id],
    );
    if (counter.rowCount === 0) {
      throw new Rollback<EnrolResult>({ error: 'not_found' });
    }
    const replaced =
      grant.role === 'counter' && grant.counter_id !== null
        ? await client.query<{ id: string }>(
            `UPDATE devices SET revoked_at = now()
              WHERE office_id = $1 AND counter_id = $2 AND role = 'counter' AND revoked_at IS NULL
              RETURNING id, pg_notify('${REVOCATION_CHANNEL}', id)`,
            [grant.office_id, counterId],
          )
        : { rows: [] };
    const token = `mc1_${randomBytes(32).toString('base64url')}`;
    const device: Device = {
      id: randomUUID(),
      officeId: grant.office_id,
      counterId,
      role: grant.role,
      name,
    };
    await client.query(
      'INSERT INTO devices (id, office_id, counter_id, role, name, token_hash) VALUES ($1, $2, $3, $4, $5, $6)',
      [device.id, device.officeId, device.counterId, device.role, device.name, hashSecret(token)],
    );
    await client.query('UPDATE enrol_codes SET used_by = $2 WHERE code_hash = $1', [
      hashSecret(normaliseCode(code)),
      device.id,
    ]);
    return { device, token, replaced: replaced.rows.map((r) => r.id) };
  });
}
