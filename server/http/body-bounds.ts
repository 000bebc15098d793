import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../../shared/sync/contract';
import { fail } from './reply';

/**
 * The depth of a parsed body's nesting (objects and arrays), walked with an explicit stack so that a
 * hostile body nested thousands deep is measured without recursion; stops as soon as it passes
 * `limit`. Everything after it (zod, JSON.stringify, the merge) recurses.
 */
export function nestingDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: [object, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child as object, depth + 1]);
    }
  }
  return false;
}

/** Refuses, on every route, a body nested deeper than LIMITS.maxBodyDepth (400, before any handler). */
export function registerBodyBounds(app: FastifyInstance): void {
  app.addHook('preValidation', async (req, reply) => {
    if (nestingDeeperThan(req.body, LIMITS.maxBodyDepth))
      return fail(reply, 400, 'bad_request', `request body nested deeper than ${LIMITS.maxBodyDepth} levels`);
  });
}
