import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../../shared/sync/contract';

/** Answers an error as every route does: a status and an ErrorBody. */
export function fail(
  reply: FastifyReply,
  status: number,
  error: ErrorBody['error'],
  message: string,
): FastifyReply {
  return reply.code(status).send({ error, message } satisfies ErrorBody);
}

/** The server's clock, as answers carry it (counters measure their clock's offset with it). */
export const serverTime = () => new Date().toISOString();

/** The error handler of the app: what a thrown error answers (its details only for client errors). */
export function replyToError(
  err: Error & { statusCode?: number },
  req: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const status = err.statusCode ?? 500;
  if (status >= 500) req.log.error({ err }, 'request failed');
  if (status === 413) return fail(reply, 413, 'payload_too_large', err.message);
  if (status >= 400 && status < 500) return fail(reply, status, 'bad_request', err.message);
  return fail(reply, 500, 'internal', 'internal error');
}
