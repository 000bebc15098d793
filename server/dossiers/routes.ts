import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { z } from 'zod';
import { DOSSIER_LOOKUP_PATH, dossierLookupSchema } from '../../shared/sync/lookup';
import { fail, serverTime } from '../http/reply';
import { lookupDossiers } from './lookup';

/** Lookups a device may make a minute by default: an officer's searches, with room for a busy hour. */
export const DEFAULT_LOOKUP_RATE_PER_MIN = 60;

export interface DossierRoutesOptions {
  pool: pg.Pool;
  /** Lookups a minute per device, then 429 with the wait. */
  lookupsPerMinute?: number;
}

/** A counter's lookup of a dossier its replica does not hold yet (shared/sync/lookup.ts). */
export async function dossierRoutes(app: FastifyInstance, opts: DossierRoutesOptions): Promise<void> {
  const limit = app.createRateLimit({
    max: opts.lookupsPerMinute ?? DEFAULT_LOOKUP_RATE_PER_MIN,
    timeWindow: 60_000,
    keyGenerator: (req) => `lookup device:${req.device?.id ?? req.ip}`,
  });

  app.post(DOSSIER_LOOKUP_PATH, async (req, reply) => {
    const seen = await limit(req);
    if (!seen.isAllowed && seen.isExceeded) {
      reply.header('retry-after', seen.ttlInSeconds);
      return fail(reply, 429, 'rate_limited', `too many lookups: try again in ${seen.ttlInSeconds} s`);
    }
    const parsed = dossierLookupSchema.safeParse(req.body);
    if (!parsed.success) return fail(reply, 400, 'bad_request', z.prettifyError(parsed.error));
    const found = await lookupDossiers(opts.pool, req.device!, parsed.data);
    // The stored JSON texts go out as they are, not parsed and printed again.
    return reply
      .type('application/json; charset=utf-8')
      .send(
        `{"dossiers":[${found.dossiers.join(',')}],"events":[${found.events.join(',')}],` +
          `"more":${found.more},"serverTime":${JSON.stringify(serverTime())}}`,
      );
  });
}
