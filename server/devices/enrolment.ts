import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DeviceRole } from '../../shared/sync/contract';
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

/** A one-time enrolment code for a device of `officeId` with `role`, valid `ttlMinutes`. */
export async function issueEnrolCode(
  pool: pg.Pool,
  officeId: string,
  role: DeviceRole,
  ttlMinutes: number,
): Promise<{ code: string; expiresAt: string }> {
  const code = newEnrolCode();
  const expires = new Date(Date.now() + ttlMinutes * 60_000);
  await pool.query(
    'INSERT INTO enrol_codes (code_hash, office_id, role, expires_at) VALUES ($1, $2, $3, $4)',
    [hashSecret(normaliseCode(code)), officeId, role, expires],
  );
  return { code, expiresAt: expires.toISOString() };
}

/** Uses the code once; returns the device and its bearer token (only its hash is stored). */
export async function enrol(
  pool: pg.Pool,
  code: string,
  counterId: string,
  name: string,
): Promise<{ device: Device; token: string } | { error: 'enrol_code_invalid' | 'not_found' }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const found = await client.query<{ office_id: string; role: DeviceRole }>(
      `UPDATE enrol_codes SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING office_id, role`,
      [hashSecret(normaliseCode(code))],
    );
    const grant = found.rows[0];
    if (!grant) {
      await client.query('ROLLBACK');
      return { error: 'enrol_code_invalid' };
    }
    if (grant.role === 'counter') {
      const counter = await client.query(
        `SELECT 1 FROM documents WHERE collection = 'counters' AND id = $1 AND office_id = $2 AND NOT deleted`,
        [counterId, grant.office_id],
      );
      if (counter.rowCount === 0) {
        await client.query('ROLLBACK');
        return { error: 'not_found' };
      }
    }
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
    await client.query('COMMIT');
    return { device, token };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
