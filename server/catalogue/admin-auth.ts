import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { fail } from '../http/reply';

/** Who is making a console request: a province admin (officeId null) or an office's admin. */
export interface AdminIdentity {
  adminId: string;
  officeId: string | null;
}

/** The console's sign-in, given by the app: null when the request carries no valid admin session. */
export type AdminAuthenticate = (request: FastifyRequest) => Promise<AdminIdentity | null>;

/** One change for the audit log (who, what, on what, before and after). */
export interface AuditEntry {
  adminId: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}
/** Writes an audit entry; given `client`, inside that transaction (with the change it records). */
export type AuditWriter = (entry: AuditEntry, client?: Pick<pg.ClientBase, 'query'>) => Promise<void>;

/** The options every console route plugin of this folder takes. */
export interface AdminPluginOptions {
  authenticate: AdminAuthenticate;
  audit: AuditWriter;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The console admin of the request (set by requireAdmins on the console routes). */
    consoleAdmin?: AdminIdentity;
  }
}

/**
 * Every route of the plugin answers 401 unless `authenticate` names an admin; checked on arrival,
 * before any body (a workbook) is read.
 */
export function requireAdmins(app: FastifyInstance, authenticate: AdminAuthenticate): void {
  app.addHook('onRequest', async (req, reply) => {
    const admin = await authenticate(req);
    if (!admin) return fail(reply, 401, 'unauthenticated', 'Cần đăng nhập quản trị.');
    req.consoleAdmin = admin;
  });
}

/** The request's admin when they administer the whole province; otherwise answers 403 and null. */
export function provinceAdmin(req: FastifyRequest, reply: FastifyReply): AdminIdentity | null {
  if (!req.consoleAdmin || req.consoleAdmin.officeId !== null) {
    void fail(reply, 403, 'forbidden', 'Chỉ quản trị viên cấp tỉnh được thay đổi danh mục và lịch nghỉ.');
    return null;
  }
  return req.consoleAdmin;
}
