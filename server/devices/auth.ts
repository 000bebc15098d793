import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { fail } from '../http/reply';
import type { Device } from './device';
import type { DeviceStore } from './store';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated device (set for every route but the public ones). */
    device?: Device;
  }
}

/** Routes a device reaches before it has a credential. */
const PUBLIC_PATHS = new Set(['/health', '/enrol']);
/** The admin console and its API (server/admin): an admin session authenticates them, not a device. */
const CONSOLE_PREFIX = '/console';

/**
 * The onRequest hook of the app: every request but the public ones and CORS preflights carries the
 * bearer token of an enrolled, unrevoked device, which it then carries as `req.device`. Added to the
 * app itself, before the route plugins, so it covers every route (and unknown paths).
 */
export function authenticateDevices(devices: DeviceStore): onRequestAsyncHookHandler {
  return async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    // CORS preflights carry no credentials; @fastify/cors answers them.
    if (req.method === 'OPTIONS') return;
    if (PUBLIC_PATHS.has(path)) return;
    if (path === CONSOLE_PREFIX || path.startsWith(`${CONSOLE_PREFIX}/`)) return;
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/.exec(header);
    if (!match?.[1]) return fail(reply, 401, 'unauthenticated', 'missing device credential');
    const device = await devices.authenticate(match[1]);
    if (device === 'revoked') return fail(reply, 401, 'revoked', 'this device has been revoked');
    if (!device) return fail(reply, 401, 'unauthenticated', 'unknown device credential');
    req.device = device;
  };
}

/** The request's device when it is a province admin's; otherwise refuses (403) and answers null. */
export function requireProvince(req: FastifyRequest, reply: FastifyReply): Device | null {
  if (req.device?.role !== 'province') {
    void fail(reply, 403, 'forbidden', 'province role required');
    return null;
  }
  return req.device;
}

/**
 * A counter's request: its device and its body as `schema` reads it. Otherwise refuses (403 from
 * another kind of device, 400 for a body the schema refuses) and answers null.
 */
export function counterRequest<S extends z.ZodType>(
  req: FastifyRequest,
  reply: FastifyReply,
  schema: S,
): { device: Device; body: z.infer<S> } | null {
  const device = req.device;
  if (device?.role !== 'counter') {
    void fail(reply, 403, 'forbidden', 'counter device required');
    return null;
  }
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) {
    void fail(reply, 400, 'bad_request', z.prettifyError(parsed.error));
    return null;
  }
  return { device, body: parsed.data };
}
