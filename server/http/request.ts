import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  REPLICA_HEADER,
  collectionNameSchema,
  replicaSchema,
  type CollectionName,
} from '../../shared/sync/contract';
import { fail } from './reply';

/** The collection the route's `:collection` names; null once refused (404). */
export function collectionOf(req: FastifyRequest, reply: FastifyReply): CollectionName | null {
  const parsed = collectionNameSchema.safeParse((req.params as { collection?: string }).collection);
  if (!parsed.success) {
    void fail(reply, 404, 'not_found', 'unknown collection');
    return null;
  }
  return parsed.data;
}

/** The replica the request names (REPLICA_HEADER), null when it names none; undefined once refused. */
export function replicaOf(req: FastifyRequest, reply: FastifyReply): string | null | undefined {
  const header = req.headers[REPLICA_HEADER];
  if (header === undefined) return null;
  const parsed = replicaSchema.safeParse(header);
  if (!parsed.success) {
    void fail(
      reply,
      400,
      'bad_request',
      `${REPLICA_HEADER}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
    return undefined;
  }
  return parsed.data;
}
