import type { FastifyInstance } from 'fastify';
import { fail } from '../http/reply';
import type { ConflictStore } from './store';

export interface ConflictRoutesOptions {
  conflicts: ConflictStore;
}

/** The supervisor's conflicts: GET /conflicts (?all=1 with the resolved ones), POST …/resolve. */
export async function conflictRoutes(app: FastifyInstance, opts: ConflictRoutesOptions): Promise<void> {
  const { conflicts } = opts;

  app.get('/conflicts', async (req) => {
    const all = (req.query as { all?: unknown }).all === '1';
    return { conflicts: await conflicts.listConflicts(req.device!, all) };
  });

  app.post('/conflicts/:id/resolve', async (req, reply) => {
    const raw = (req.params as { id: string }).id;
    // A conflict id is a PostgreSQL integer: anything else names no conflict.
    const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
    if (!(id <= 2 ** 31 - 1))
      return fail(reply, 400, 'bad_request', `conflict id ${raw.slice(0, 40)}: a whole number from 1`);
    if (!(await conflicts.resolveConflict(req.device!, id)))
      return fail(reply, 404, 'not_found', 'no such open conflict');
    return { ok: true };
  });
}
