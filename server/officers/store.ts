import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { officerSchema, type Officer } from '../../shared/domain';
import {
  applyChange,
  createCredentials,
  generateOneTimePassword,
  refusalOf,
  verifyChangeSignature,
  DEFAULT_KDF_PARAMS,
  argon2,
  type KdfParams,
  type OfficerChange,
  type OfficerChangeResult,
  type SignedOfficerChange,
} from '../../shared/officers';
import type { WriteLock } from '../db/write-lock';
import type { Device } from '../devices/device';
import { UPSERT_DOCUMENTS, storedWritesParamsOf } from '../replication/documents';
import type { ChangeNotices } from '../replication/notices';

/**
 * Runs inside the transaction of a province change, before it commits (the admin console's audit
 * record of it, and its office check: throwing there leaves the officer unchanged).
 */
export type WithinChange = (client: pg.PoolClient, before: Officer, after: Officer) => Promise<void>;

/** Why a province admin's change could not be made. */
export class OfficerNotFound extends Error {}

/**
 * Officers' passwords and active flags on the server. Counters send signed changes (shared/officers);
 * every one is checked here against the server's own records — the acting officer active, of the
 * device's office, an admin unless it is their own password, the signature by the key of the
 * password the server knows for them — then applied once and announced, so the other counters of
 * the office pull it. The province admin (routes with the province token, or the CLI) resets
 * passwords and flips the active flag directly.
 */
export class OfficerStore {
  /** Connections whose transaction write() committed (with its change notice). */
  private readonly committed = new WeakSet<pg.PoolClient>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly writeLock: WriteLock,
    private readonly notices: ChangeNotices,
    private readonly kdf: KdfParams = DEFAULT_KDF_PARAMS,
  ) {}

  async get(id: string): Promise<Officer | null> {
    const { rows } = await this.pool.query<{ doc: unknown }>(
      `SELECT doc FROM documents WHERE collection = 'officers' AND id = $1 AND NOT deleted`,
      [id],
    );
    return rows[0] ? officerSchema.parse(rows[0].doc) : null;
  }

  /** Applies a counter's changes in order; each answers applied, duplicate or refused (why). */
  async applyFromCounter(device: Device, changes: SignedOfficerChange[]): Promise<OfficerChangeResult[]> {
    const results: OfficerChangeResult[] = [];
    for (const signed of changes) results.push(await this.applyOne(device, signed));
    return results;
  }

  private async applyOne(device: Device, signed: SignedOfficerChange): Promise<OfficerChangeResult> {
    const { change } = signed;
    return this.inWrite(async (client) => {
      const seen = await client.query(`SELECT 1 FROM officer_changes WHERE id = $1`, [change.id]);
      const ids = [change.actorId, change.officerId];
      const { rows } = await client.query<{ id: string; doc: unknown }>(
        `SELECT id, doc FROM documents WHERE collection = 'officers' AND id = ANY($1::text[]) AND NOT deleted`,
        [ids],
      );
      const byId = new Map(rows.map((r) => [r.id, officerSchema.parse(r.doc)]));
      const actor = byId.get(change.actorId) ?? null;
      const target = byId.get(change.officerId) ?? null;
      if ((seen.rowCount ?? 0) > 0) {
        // Sent again (the answer was lost): already applied, nothing to do.
        return { id: change.id, status: 'duplicate', updatedAt: target?.updatedAt };
      }
      const refusal =
        refusalOf(change, actor, target, device.officeId) ??
        (!actor?.signingKey
          ? 'no_signing_key'
          : !verifyChangeSignature(signed, actor.signingKey)
            ? 'bad_signature'
            : null);
      if (refusal || !target)
        return { id: change.id, status: 'refused', reason: refusal ?? 'unknown_officer' };
      const updated = applyChange(target, change, new Date().toISOString());
      await this.write(client, updated, change, change.actorId, device.id);
      return { id: change.id, status: 'applied', updatedAt: updated.updatedAt };
    });
  }

  /**
   * The province sets a new password for the officer: a generated one-time password (the officer
   * must set their own at first login) or, with oneTime false, one they keep. Answers it.
   */
  async resetPassword(officerId: string, by: string, oneTime = true, within?: WithinChange): Promise<string> {
    const password = generateOneTimePassword();
    const { verifier, signingKey } = await createCredentials(password, this.kdf, argon2);
    await this.provinceChange(
      officerId,
      by,
      (target, at) => {
        const id = randomUUID();
        const change: OfficerChange = {
          kind: 'reset_password',
          id,
          officerId,
          actorId: by,
          at,
          verifier,
          signingKey,
        };
        return { change, updated: { ...applyChange(target, change, at), mustChangePassword: oneTime } };
      },
      within,
    );
    return password;
  }

  /** The province deactivates or reactivates the officer. */
  async setActive(officerId: string, active: boolean, by: string, within?: WithinChange): Promise<void> {
    await this.provinceChange(
      officerId,
      by,
      (target, at) => {
        const change: OfficerChange = {
          kind: 'set_active',
          id: randomUUID(),
          officerId,
          actorId: by,
          at,
          active,
        };
        return { change, updated: applyChange(target, change, at) };
      },
      within,
    );
  }

  private async provinceChange(
    officerId: string,
    by: string,
    make: (target: Officer, at: string) => { change: OfficerChange; updated: Officer },
    within?: WithinChange,
  ): Promise<void> {
    await this.inWrite(async (client) => {
      const { rows } = await client.query<{ doc: unknown }>(
        `SELECT doc FROM documents WHERE collection = 'officers' AND id = $1 AND NOT deleted`,
        [officerId],
      );
      if (!rows[0]) throw new OfficerNotFound(`no officer ${officerId}`);
      const before = officerSchema.parse(rows[0].doc);
      const { change, updated } = make(before, new Date().toISOString());
      await within?.(client, before, updated);
      await this.write(client, updated, change, by, null);
    });
  }

  private async write(
    client: pg.PoolClient,
    officer: Officer,
    change: OfficerChange,
    actorId: string,
    deviceId: string | null,
  ): Promise<void> {
    const doc = officerSchema.parse(officer);
    const writes = [
      {
        collection: 'officers' as const,
        id: doc.id,
        office_id: doc.officeId,
        deleted: false,
        doc: doc as unknown as Record<string, unknown>,
        written_by: deviceId ?? actorId,
        replica: null,
      },
    ];
    await client.query(UPSERT_DOCUMENTS, storedWritesParamsOf(writes));
    await client.query(
      `INSERT INTO officer_changes (id, office_id, officer_id, kind, actor_id, device_id, made_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [change.id, doc.officeId, doc.id, change.kind, actorId, deviceId, change.at],
    );
    await this.notices.commitAnnouncing(client, writes);
    this.committed.add(client);
  }

  /** Runs `task` in a transaction holding WRITE; write() commits it, else it ends here. */
  private async inWrite<T>(task: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.writeLock.begin();
    try {
      const result = await task(client);
      if (!this.committed.has(client)) await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      this.committed.delete(client);
      client.release();
    }
  }
}
