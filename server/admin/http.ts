import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AdminError, AdminErrorCode } from '../../shared/admin/contract';
import type { Admin } from './accounts';
import { AdminRefusal } from './refusal';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in admin of a console API request (set by the admin routes' hook). */
    admin?: Admin;
  }
}

/** Answers an admin error: a status, a code the console translates, a message for logs and tests. */
export function adminFail(
  reply: FastifyReply,
  status: number,
  error: AdminErrorCode,
  message: string,
): FastifyReply {
  return reply.code(status).send({ error, message } satisfies AdminError);
}

/** Parses `value` with `schema`, or throws a 400 naming what is wrong. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AdminRefusal(400, 'bad_request', z.prettifyError(parsed.error));
  return parsed.data;
}

/** The signed-in admin (the hook refused the request already when there is none). */
export function adminOf(req: FastifyRequest): Admin {
  if (!req.admin) throw new AdminRefusal(401, 'unauthenticated', 'sign in first');
  return req.admin;
}

/** The error handler of the admin routes: refusals and client errors as 4xx with their reason. */
export function replyToAdminError(
  err: Error & { statusCode?: number },
  req: FastifyRequest,
  reply: FastifyReply,
) {
  if (err instanceof AdminRefusal) return adminFail(reply, err.status, err.code, err.message);
  const status = err.statusCode ?? 500;
  if (status === 429) return adminFail(reply, 429, 'rate_limited', err.message);
  if (status >= 400 && status < 500) return adminFail(reply, status, 'bad_request', err.message);
  req.log.error({ err }, 'admin request failed');
  return adminFail(reply, 500, 'internal', 'internal error');
}
