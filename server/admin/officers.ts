import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { AdminOfficer, OfficerCreateRequest } from '../../shared/admin/contract';
import { officerSchema, type Officer, type Role } from '../../shared/domain';
import {
  createCredentials,
  DEFAULT_KDF_PARAMS,
  generateOneTimePassword,
  type KdfParams,
} from '../../shared/officers';
import type { WriteLock } from '../db/write-lock';
import type { ChangeNotices } from '../replication/notices';
import { argon2 } from '../../shared/officers';
import { OfficerNotFound, type OfficerStore } from '../officers/store';
import type { Admin } from './accounts';
import { recordAudit } from './audit';
import { writeDocuments } from '../replication/write-documents';
import { AdminRefusal, actorOf, requireOffice } from './refusal';

const toAdminOfficer = (o: Officer): AdminOfficer => ({
  id: o.id,
  officeId: o.officeId,
  username: o.username,
  fullName: o.fullName,
  title: o.title,
  roles: o.roles,
  active: o.active,
  mustChangePassword: o.mustChangePassword === true,
  updatedAt: o.updatedAt,
});

/**
 * Officers as the console manages them: created with a one-time password, roles, password reset,
 * deactivation. Password and active changes go through OfficerStore (the same changes the CLI
 * makes); every change is a replicated officer document (effective on the office's counters at
 * their next sync) written with its audit record in one transaction.
 */
export class OfficerAdmin {
  constructor(
    private readonly pool: pg.Pool,
    private readonly writeLock: WriteLock,
    private readonly notices: ChangeNotices,
    private readonly officers: OfficerStore,
    private readonly kdf: KdfParams = DEFAULT_KDF_PARAMS,
  ) {}

  async list(admin: Admin, officeId: string): Promise<AdminOfficer[]> {
    requireOffice(admin, officeId);
    const { rows } = await this.pool.query<{ doc: unknown }>(
      `SELECT doc FROM documents WHERE collection = 'officers' AND office_id = $1 AND NOT deleted
        ORDER BY doc->>'username'`,
      [officeId],
    );
    return rows.map((r) => toAdminOfficer(officerSchema.parse(r.doc)));
  }

  /** A new officer of the office with a one-time password (answered once, never stored). */
  async create(
    admin: Admin,
    input: OfficerCreateRequest,
  ): Promise<{ officer: AdminOfficer; password: string }> {
    requireOffice(admin, input.officeId);
    const password = generateOneTimePassword();
    const { verifier, signingKey } = await createCredentials(password, this.kdf, argon2);
    const at = new Date().toISOString();
    const officer = officerSchema.parse({
      id: input.id ?? randomUUID(),
      officeId: input.officeId,
      username: input.username,
      fullName: input.fullName,
      title: input.title,
      roles: [...new Set(input.roles)],
      active: true,
      verifier,
      signingKey,
      mustChangePassword: true,
      passwordChangedAt: at,
      updatedAt: at,
    });
    await writeDocuments(this.writeLock, this.notices, async (client) => {
      const office = await client.query(
        `SELECT 1 FROM documents WHERE collection = 'offices' AND id = $1 AND NOT deleted`,
        [input.officeId],
      );
      if (office.rowCount === 0) throw new AdminRefusal(404, 'not_found', `no office ${input.officeId}`);
      const clash = await client.query(
        `SELECT 1 FROM documents WHERE collection = 'officers' AND NOT deleted
           AND (id = $1 OR (office_id = $2 AND doc->>'username' = $3))`,
        [officer.id, officer.officeId, officer.username],
      );
      if ((clash.rowCount ?? 0) > 0)
        throw new AdminRefusal(409, 'conflict', `officer ${officer.username} exists in this office`);
      await recordAudit(client, {
        actor: actorOf(admin),
        officeId: officer.officeId,
        action: 'officer.create',
        targetType: 'officer',
        targetId: officer.id,
        after: toAdminOfficer(officer),
      });
      return { writes: [this.officerWrite(officer, admin)], result: undefined };
    });
    return { officer: toAdminOfficer(officer), password };
  }

  async setRoles(admin: Admin, officerId: string, roles: Role[]): Promise<AdminOfficer> {
    return writeDocuments(this.writeLock, this.notices, async (client) => {
      const before = await this.load(client, admin, officerId);
      const after = officerSchema.parse({
        ...before,
        roles: [...new Set(roles)],
        updatedAt: new Date().toISOString(),
      });
      await recordAudit(client, {
        actor: actorOf(admin),
        officeId: after.officeId,
        action: 'officer.roles',
        targetType: 'officer',
        targetId: officerId,
        before: { roles: before.roles },
        after: { roles: after.roles },
      });
      return { writes: [this.officerWrite(after, admin)], result: toAdminOfficer(after) };
    });
  }

  /** A new one-time password for the officer (they set their own at their next login). */
  async resetPassword(admin: Admin, officerId: string): Promise<string> {
    return this.officerChange(() =>
      this.officers.resetPassword(
        officerId,
        `admin:${admin.username}`,
        true,
        async (client, before, after) => {
          requireOffice(admin, before.officeId);
          await recordAudit(client, {
            actor: actorOf(admin),
            officeId: before.officeId,
            action: 'officer.reset_password',
            targetType: 'officer',
            targetId: officerId,
            before: { mustChangePassword: before.mustChangePassword === true },
            after: {
              mustChangePassword: after.mustChangePassword === true,
              passwordChangedAt: after.passwordChangedAt,
            },
          });
        },
      ),
    );
  }

  async setActive(admin: Admin, officerId: string, active: boolean): Promise<void> {
    await this.officerChange(() =>
      this.officers.setActive(officerId, active, `admin:${admin.username}`, async (client, before, after) => {
        requireOffice(admin, before.officeId);
        await recordAudit(client, {
          actor: actorOf(admin),
          officeId: before.officeId,
          action: active ? 'officer.activate' : 'officer.deactivate',
          targetType: 'officer',
          targetId: officerId,
          before: { active: before.active },
          after: { active: after.active },
        });
      }),
    );
  }

  private async officerChange<T>(change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } catch (err) {
      if (err instanceof OfficerNotFound) throw new AdminRefusal(404, 'not_found', err.message);
      throw err;
    }
  }

  private async load(client: pg.ClientBase, admin: Admin, officerId: string): Promise<Officer> {
    const { rows } = await client.query<{ doc: unknown }>(
      `SELECT doc FROM documents WHERE collection = 'officers' AND id = $1 AND NOT deleted`,
      [officerId],
    );
    const officer = rows[0] ? officerSchema.parse(rows[0].doc) : null;
    if (!officer) throw new AdminRefusal(404, 'not_found', `no officer ${officerId}`);
    requireOffice(admin, officer.officeId);
    return officer;
  }

  private officerWrite(officer: Officer, admin: Admin) {
    return {
      collection: 'officers' as const,
      id: officer.id,
      office_id: officer.officeId,
      deleted: false,
      doc: officer as unknown as Record<string, unknown>,
      written_by: `admin:${admin.username}`,
      replica: null,
    };
  }
}
