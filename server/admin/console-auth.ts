import type { AdminPluginOptions } from '../catalogue/admin-auth';
import type { Stores } from '../stores';
import { recordAudit } from './audit';

/**
 * The console's admin sessions and audit log, in the form the catalogue and holiday routes take: a
 * request is an admin's when it carries a live session token; each change they make is logged
 * under that admin's name, and in their office for an office admin.
 */
export function consoleAdminOf(
  stores: Pick<Stores, 'admin' | 'pool'>,
  idleMinutes: number,
): AdminPluginOptions {
  const offices = new Map<string, string | null>();
  return {
    async authenticate(request) {
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!token) return null;
      const admin = await stores.admin.accounts.authenticate(token, idleMinutes);
      if (admin === null || admin === 'expired') return null;
      offices.set(admin.username, admin.officeId);
      return { adminId: admin.username, officeId: admin.officeId };
    },
    async audit({ adminId, action, target, before, after }, client) {
      const [targetType = target, ...rest] = target.split(':');
      await recordAudit(client ?? stores.pool, {
        actor: adminId,
        officeId: offices.get(adminId) ?? null,
        action,
        targetType,
        targetId: rest.join(':'),
        before,
        after,
      });
    },
  };
}
