import type { AdminErrorCode } from '../../shared/admin/contract';
import type { Admin } from './accounts';

/** An admin request refused for a reason the console shows (a 4xx with its code and message). */
export class AdminRefusal extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 423,
    readonly code: AdminErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AdminRefusal';
  }
}

/** Refuses an office admin acting on another office (404: they may not even know it exists). */
export function requireOffice(admin: Admin, officeId: string | null): void {
  if (admin.officeId !== null && admin.officeId !== officeId)
    throw new AdminRefusal(404, 'not_found', `no office ${officeId ?? ''} for this admin`);
}

/** Refuses an office admin a province-wide action. */
export function requireProvinceAdmin(admin: Admin): void {
  if (admin.officeId !== null) throw new AdminRefusal(403, 'forbidden', 'province admin required');
}

/** The name the audit log and officer changes give the acting admin. */
export const actorOf = (admin: Admin): string => admin.username;
