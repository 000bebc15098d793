import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail } from './reply';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * preHandler of enrolment and login-like routes (a route opts in with
     * `{ preHandler: app.authRateLimit }`): per address and per office, at most the configured number
     * of refused attempts a minute, and ten times as many attempts of any outcome (so a burst sent
     * before the first refusal is counted still stops). Above either: 429 with the wait.
     */
    authRateLimit: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  }
  interface FastifyRequest {
    /** Set by authRateLimit: the answer is counted as an attempt of its address and office. */
    rateLimited?: boolean;
  }
}

/** Requests of any outcome allowed per refused attempt allowed. */
const ATTEMPTS_PER_FAILURE = 10;

/**
 * The office a request is about: the authenticated device's, else the office, counter or user its
 * body names (an enrolment names its counter; the code's office is unknown until the code is found).
 */
function officeKey(req: FastifyRequest): string {
  if (req.device) return `office:${req.device.officeId}`;
  const body = (req.body ?? {}) as Record<string, unknown>;
  for (const field of ['officeId', 'counterId', 'username'])
    if (typeof body[field] === 'string') return `${field}:${String(body[field]).slice(0, 64)}`;
  return 'office:(none)';
}

const addressKey = (req: FastifyRequest): string => `address:${req.ip}`;

/** Registers the limiter (in memory, per server process) and `app.authRateLimit`. */
export async function registerAuthRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(rateLimit, { global: false });
  const limiter = (max: number, keyGenerator: (req: FastifyRequest) => string) =>
    app.createRateLimit({ max, timeWindow: 60_000, keyGenerator });
  const failures = [limiter(perMinute, addressKey), limiter(perMinute, officeKey)];
  const attempts = [
    limiter(perMinute * ATTEMPTS_PER_FAILURE, (r) => `any ${addressKey(r)}`),
    limiter(perMinute * ATTEMPTS_PER_FAILURE, (r) => `any ${officeKey(r)}`),
  ];
  const refuse = (reply: FastifyReply, seconds: number) => {
    reply.header('retry-after', seconds);
    return fail(reply, 429, 'rate_limited', `too many attempts: try again in ${seconds} s`);
  };
  app.decorate('authRateLimit', async (req: FastifyRequest, reply: FastifyReply) => {
    for (const limit of failures) {
      const seen = await limit(req, { increment: false });
      if (!seen.isAllowed && seen.remaining === 0) return refuse(reply, Math.max(1, seen.ttlInSeconds));
    }
    for (const limit of attempts) {
      const seen = await limit(req);
      if (!seen.isAllowed && seen.isExceeded) return refuse(reply, seen.ttlInSeconds);
    }
    req.rateLimited = true;
    return undefined;
  });
  // A refused attempt (a wrong code, a wrong password) counts against its address and office.
  app.addHook('onResponse', async (req, reply) => {
    if (req.rateLimited && reply.statusCode >= 400 && reply.statusCode !== 429)
      for (const limit of failures) await limit(req);
  });
}
