import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import {
  adminCreateRequestSchema,
  auditQuerySchema,
  signInRequestSchema,
  totpConfirmRequestSchema,
} from '../../shared/admin/contract';
import { adminMe, type AdminAccounts } from './accounts';
import { auditCsv, listAudit } from './audit';
import { adminFail, adminOf, parseOr400, replyToAdminError } from './http';
import type { OfficeAdmin } from './offices';
import type { OfficerAdmin } from './officers';
import { officeRoutes } from './routes-offices';
import { AdminRefusal, actorOf, requireOffice, requireProvinceAdmin } from './refusal';

export interface AdminRoutesOptions {
  pool: pg.Pool;
  accounts: AdminAccounts;
  offices: OfficeAdmin;
  officers: OfficerAdmin;
  /** Minutes without a request after which a session ends. */
  idleMinutes: number;
}

/** The one route of the API a request reaches without a session: signing in. */
const SIGN_IN = 'POST /session';

/**
 * The console's API (registered under ADMIN_API): sign-in with lockout and TOTP, then, for a signed-in
 * admin, sessions, admin accounts, the audit log, and the office and officer routes. Bodies are
 * validated with shared/admin; refusals answer 4xx with their reason.
 */
export async function adminRoutes(app: FastifyInstance, opts: AdminRoutesOptions): Promise<void> {
  const { accounts, idleMinutes } = opts;
  app.setErrorHandler(replyToAdminError);
  app.addHook('onRequest', async (req, reply) => {
    const path = (req.routeOptions.url ?? '').slice(app.prefix.length);
    if (req.method === 'OPTIONS' || `${req.method} ${path}` === SIGN_IN) return;
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return adminFail(reply, 401, 'unauthenticated', 'sign in first');
    const admin = await accounts.authenticate(token, idleMinutes);
    if (admin === 'expired') return adminFail(reply, 401, 'session_expired', 'session ended: sign in again');
    if (!admin) return adminFail(reply, 401, 'unauthenticated', 'unknown session');
    req.admin = admin;
  });

  app.post('/session', { preHandler: app.authRateLimit }, async (req, reply) => {
    const body = parseOr400(signInRequestSchema, req.body);
    const result = await accounts.signIn(body.username, body.password, body.totp);
    if (result.ok) return { token: result.token, admin: adminMe(result.admin, idleMinutes) };
    const messages = {
      bad_credentials: 'wrong username or password',
      locked: 'too many failed sign-ins: the account is locked for a while',
      totp_required: 'enter the code of your authenticator app',
      totp_invalid: 'wrong or already used authenticator code',
    } as const;
    return adminFail(reply, result.error === 'locked' ? 423 : 401, result.error, messages[result.error]);
  });

  app.get('/session', async (req) => adminMe(adminOf(req), idleMinutes));

  app.post('/session/end', async (req) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (token) await accounts.signOut(token);
    return { ok: true };
  });

  app.post('/totp/setup', async (req) => accounts.totpSetup(adminOf(req)));
  app.post('/totp/confirm', async (req) => {
    const body = parseOr400(totpConfirmRequestSchema, req.body);
    if (!(await accounts.confirmTotp(adminOf(req), body.secret, body.code)))
      throw new AdminRefusal(400, 'totp_invalid', 'the code does not match this secret');
    return { ok: true };
  });

  app.get('/admins', async (req) => {
    requireProvinceAdmin(adminOf(req));
    return { items: await accounts.list() };
  });
  app.post('/admins', async (req) => {
    const admin = adminOf(req);
    requireProvinceAdmin(admin);
    const body = parseOr400(adminCreateRequestSchema, req.body);
    const created = await accounts.create(body, actorOf(admin));
    if (created === 'taken') throw new AdminRefusal(409, 'conflict', `username ${body.username} is taken`);
    return created;
  });

  const auditOf = async (req: { query: unknown; admin?: unknown }, all: boolean) => {
    const admin = adminOf(req as never);
    const query = parseOr400(auditQuerySchema, req.query);
    if (query.officeId) requireOffice(admin, query.officeId);
    return listAudit(opts.pool, all ? { ...query, limit: 1000 } : query, admin.officeId);
  };
  app.get('/audit', async (req) => ({ items: await auditOf(req, false) }));
  app.get('/audit.csv', async (req, reply) => {
    const csv = auditCsv(await auditOf(req, true));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="nhat-ky-quan-tri.csv"')
      .send(csv);
  });

  await app.register(officeRoutes, { offices: opts.offices, officers: opts.officers });
  app.all('/*', async (_req, reply) => adminFail(reply, 404, 'not_found', 'no such admin route'));
}
