import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import type { AdminMe } from '../../shared/admin/contract';
import { loginVerifierSchema, type LoginVerifier } from '../../shared/domain/officer';
import { DEFAULT_KDF_PARAMS, fromBase64, toBase64, type KdfParams } from '../../shared/officers';
import { hashSecret } from '../devices/enrolment';
import { argon2 } from '../../shared/officers';
import { recordAudit } from './audit';
import { newTotpSecret, totpUri, verifyTotp } from './totp';
import { inTransaction, inTransactionOr, Rollback } from '../db/tx';

/** Wrong passwords (or second factors) in a row before an account is locked, and for how long. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;
/** Minutes without a request after which an admin session ends (ADMIN_IDLE_MIN). */
export const DEFAULT_ADMIN_IDLE_MIN = 15;

/** A signed-in admin, as every admin route carries it. */
export interface Admin {
  id: string;
  username: string;
  /** Null: a province admin (every office); else the only office this admin manages. */
  officeId: string | null;
  totpEnabled: boolean;
}

export type SignInResult =
  | { ok: true; token: string; admin: Admin }
  | { ok: false; error: 'bad_credentials' | 'locked' | 'totp_required' | 'totp_invalid' };

interface AccountRow {
  id: string;
  username: string;
  password: LoginVerifier;
  office_id: string | null;
  totp_secret: string | null;
  totp_last_step: string | null;
  locked: boolean;
}

const toAdmin = (r: Pick<AccountRow, 'id' | 'username' | 'office_id' | 'totp_secret'>): Admin => ({
  id: r.id,
  username: r.username,
  officeId: r.office_id,
  totpEnabled: r.totp_secret !== null,
});

export const adminMe = (admin: Admin, idleMinutes: number): AdminMe => ({ ...admin, idleMinutes });

/** An argon2id verifier of the password (the officers' parameters: shared/officers). */
export async function hashAdminPassword(
  password: string,
  params: KdfParams = DEFAULT_KDF_PARAMS,
): Promise<LoginVerifier> {
  const salt = randomBytes(16);
  const hash = await argon2({ password: password.normalize('NFC'), salt, params, hashLength: 32 });
  return loginVerifierSchema.parse({
    algorithm: 'argon2id',
    saltB64: toBase64(salt),
    hashB64: toBase64(hash),
    ...params,
  });
}

export async function verifyAdminPassword(verifier: LoginVerifier, password: string): Promise<boolean> {
  const expected = fromBase64(verifier.hashB64);
  const hash = await argon2({
    password: password.normalize('NFC'),
    salt: fromBase64(verifier.saltB64),
    params: verifier,
    hashLength: expected.length,
  });
  return hash.length === expected.length && timingSafeEqual(hash, expected);
}

/** Checked for an unknown username, so its answer takes as long as a wrong password's. */
let decoy: Promise<LoginVerifier> | null = null;

/** Province and office admin accounts: creation, sign-in with lockout and TOTP, sessions. */
export class AdminAccounts {
  constructor(
    private readonly pool: pg.Pool,
    private readonly kdf: KdfParams = DEFAULT_KDF_PARAMS,
  ) {}

  /** A new account (the CLI's admin-create, or a province admin); the audit names `actor`. */
  async create(
    input: { username: string; password: string; officeId: string | null },
    actor: string,
  ): Promise<Admin | 'taken'> {
    const verifier = await hashAdminPassword(input.password, this.kdf);
    return inTransactionOr<Admin | 'taken'>(this.pool, async (client) => {
      const res = await client.query<AccountRow>(
        `INSERT INTO admin_accounts (id, username, password, office_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (username) DO NOTHING RETURNING id, username, office_id, totp_secret`,
        [randomUUID(), input.username, JSON.stringify(verifier), input.officeId],
      );
      const row = res.rows[0];
      if (!row) throw new Rollback('taken' as const);
      const admin = toAdmin(row);
      await recordAudit(client, {
        actor,
        officeId: admin.officeId,
        action: 'admin.create',
        targetType: 'admin',
        targetId: admin.id,
        after: { username: admin.username, officeId: admin.officeId },
      });
      return admin;
    });
  }

  /**
   * Checks the password (and the TOTP code when the account has one). Each wrong one counts; the
   * MAX_FAILED_SIGN_INS-th locks the account LOCKOUT_MINUTES. A locked account is refused even with
   * the right password. A missing code is asked for, not counted.
   */
  async signIn(
    username: string,
    password: string,
    code: string | undefined,
    now = Date.now(),
  ): Promise<SignInResult> {
    const { rows } = await this.pool.query<AccountRow>(
      `SELECT id, username, password, office_id, totp_secret, totp_last_step,
              coalesce(locked_until > $2, false) AS locked
         FROM admin_accounts WHERE username = $1 AND active`,
      [username, new Date(now)],
    );
    const row = rows[0];
    if (!row) {
      decoy ??= hashAdminPassword('decoy password', this.kdf);
      await verifyAdminPassword(await decoy, password);
      return { ok: false, error: 'bad_credentials' };
    }
    if (row.locked) return { ok: false, error: 'locked' };
    if (!(await verifyAdminPassword(loginVerifierSchema.parse(row.password), password)))
      return this.failed(row, 'bad_credentials');
    let step: number | null = null;
    if (row.totp_secret !== null) {
      if (code === undefined) return { ok: false, error: 'totp_required' };
      const last = row.totp_last_step === null ? null : Number(row.totp_last_step);
      step = verifyTotp(row.totp_secret, code, now, last);
      if (step === null) return this.failed(row, 'totp_invalid');
    }
    const token = `mca_${randomBytes(32).toString('base64url')}`;
    await inTransaction(this.pool, async (client) => {
      await client.query(
        `UPDATE admin_accounts SET failed_attempts = 0, locked_until = NULL,
                totp_last_step = coalesce($2, totp_last_step) WHERE id = $1`,
        [row.id, step],
      );
      await client.query('INSERT INTO admin_sessions (token_hash, admin_id) VALUES ($1, $2)', [
        hashSecret(token),
        row.id,
      ]);
      await recordAudit(client, {
        actor: row.username,
        officeId: row.office_id,
        action: 'session.sign_in',
        targetType: 'admin',
        targetId: row.id,
      });
    });
    return { ok: true, token, admin: toAdmin(row) };
  }

  /** Counts a wrong password or code; the last allowed one locks the account (audited). */
  private async failed(row: AccountRow, error: 'bad_credentials' | 'totp_invalid'): Promise<SignInResult> {
    return inTransaction(this.pool, async (client): Promise<SignInResult> => {
      const res = await client.query<{ locked: boolean }>(
        `UPDATE admin_accounts
            SET failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
                locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3)
                                    ELSE locked_until END
          WHERE id = $1 RETURNING coalesce(locked_until > now(), false) AS locked`,
        [row.id, MAX_FAILED_SIGN_INS, LOCKOUT_MINUTES],
      );
      const locked = res.rows[0]?.locked === true;
      if (locked)
        await recordAudit(client, {
          actor: row.username,
          officeId: row.office_id,
          action: 'session.locked',
          targetType: 'admin',
          targetId: row.id,
          after: { minutes: LOCKOUT_MINUTES },
        });
      return { ok: false, error: locked ? 'locked' : error };
    });
  }

  /**
   * The admin a session token belongs to, its idle time renewed; 'expired' once it has gone
   * `idleMinutes` without a request (it is then ended for good); null for an unknown token.
   */
  async authenticate(token: string, idleMinutes: number): Promise<Admin | 'expired' | null> {
    const { rows } = await this.pool.query<AccountRow & { ended: boolean; active: boolean }>(
      `WITH s AS (
         UPDATE admin_sessions SET
           ended_at = CASE WHEN ended_at IS NULL AND last_used_at < now() - make_interval(mins => $2)
                           THEN now() ELSE ended_at END,
           last_used_at = CASE WHEN ended_at IS NULL AND last_used_at >= now() - make_interval(mins => $2)
                               THEN now() ELSE last_used_at END
         WHERE token_hash = $1
         RETURNING admin_id, ended_at IS NOT NULL AS ended)
       SELECT a.id, a.username, a.office_id, a.totp_secret, s.ended, a.active
         FROM s JOIN admin_accounts a ON a.id = s.admin_id`,
      [hashSecret(token), idleMinutes],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.ended || !row.active) return 'expired';
    return toAdmin(row);
  }

  /** Every account (the province's list of admins), without secrets. */
  async list(): Promise<(Admin & { locked: boolean; createdAt: string })[]> {
    const { rows } = await this.pool.query<AccountRow & { created_at: Date }>(
      `SELECT id, username, office_id, totp_secret, created_at, coalesce(locked_until > now(), false) AS locked
         FROM admin_accounts WHERE active ORDER BY username`,
    );
    return rows.map((r) => ({ ...toAdmin(r), locked: r.locked, createdAt: r.created_at.toISOString() }));
  }

  async signOut(token: string): Promise<void> {
    await this.pool.query(
      'UPDATE admin_sessions SET ended_at = now() WHERE token_hash = $1 AND ended_at IS NULL',
      [hashSecret(token)],
    );
  }

  /** A new TOTP secret to scan; nothing is stored until confirmTotp proves the phone has it. */
  totpSetup(admin: Admin): { secret: string; uri: string } {
    const secret = newTotpSecret();
    return { secret, uri: totpUri(secret, admin.username) };
  }

  /** Turns on the second factor once `code` matches `secret`. */
  async confirmTotp(admin: Admin, secret: string, code: string, now = Date.now()): Promise<boolean> {
    let step: number | null;
    try {
      step = verifyTotp(secret, code, now);
    } catch {
      return false;
    }
    if (step === null) return false;
    await inTransaction(this.pool, async (client) => {
      await client.query('UPDATE admin_accounts SET totp_secret = $2, totp_last_step = $3 WHERE id = $1', [
        admin.id,
        secret,
        step,
      ]);
      await recordAudit(client, {
        actor: admin.username,
        officeId: admin.officeId,
        action: 'admin.totp_enable',
        targetType: 'admin',
        targetId: admin.id,
        before: { totpEnabled: admin.totpEnabled },
        after: { totpEnabled: true },
      });
    });
    return true;
  }
}
