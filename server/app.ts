import type { OutgoingHttpHeaders } from 'node:http';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { z } from 'zod';
import {
  LIMITS,
  REPLICA_HEADER,
  collectionNameSchema,
  enrolCodeRequestSchema,
  enrolRequestSchema,
  pullQuerySchema,
  pushRequestSchema,
  replicaSchema,
  wireDocumentSchema,
  type CollectionName,
  type ErrorBody,
  type StreamMessage,
} from '../shared/sync/contract';
import { codeRoutes } from './codes/routes';
import { CodeLeaseStore } from './codes/store';
import { updatesDirOf } from './config';
import { registerGzipBodies } from './http/gzip-body';
import { registerNdjsonBodies } from './http/ndjson-body';
import { sendPullPage } from './replication/pull-page';
import type { ChangeNotice, Device, SyncStore } from './store';
import { updatesRoutes } from './updates/routes';

declare module 'fastify' {
  interface FastifyRequest {
    device?: Device;
  }
}

export interface AppOptions {
  store: SyncStore;
  logger?: FastifyServerOptions['logger'];
  /** Extra routes (e.g. dossier-code leases) registered with authentication in place. */
  extend?: (app: FastifyInstance) => void | Promise<void>;
  /** SSE keep-alive comment interval. */
  heartbeatMs?: number;
  /**
   * Origins allowed to call the API from a browser (web mode on another port, the desktop app://
   * origin). Devices authenticate with a bearer token, never cookies, so reflecting any origin
   * ('*', the default) exposes nothing a plain HTTP client could not already reach.
   */
  corsOrigins?: '*' | string[];
  /** The desktop app's update feed folder (created if missing); UPDATES_DIR from the environment by default. */
  updatesDir?: string;
}

function fail(reply: FastifyReply, status: number, error: ErrorBody['error'], message: string): FastifyReply {
  return reply.code(status).send({ error, message } satisfies ErrorBody);
}

const now = () => new Date().toISOString();

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { store } = opts;
  // Devices are authenticated from memory while revocations reach this process, and the live
  // streams hear of changes committed by any server process (store.ts).
  await store.listenForNotices();
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: LIMITS.maxBodyBytes,
    return503OnClosing: true,
    // electron-updater's differential download asks for up to 1000 byte ranges in one Range header
    // (about 19 KB): above Node's 16 KB default it would get 431 and fall back to the whole installer.
    http: { maxHeaderSize: 64 * 1024 },
  });
  // gzip both ways: responses above 256 bytes (pull pages gzip themselves, pull-page.ts), and gzip
  // request bodies, inflated in one call (gzip-body.ts; the limit applies after inflating).
  await app.register(compress, {
    global: true,
    encodings: ['gzip'],
    threshold: 256,
    globalDecompression: false,
  });
  registerGzipBodies(app, LIMITS.maxBodyBytes);

  registerNdjsonBodies(app);

  const origins = opts.corsOrigins ?? '*';
  await app.register(cors, {
    origin: origins === '*' ? true : origins,
    methods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'content-encoding',
      'accept',
      'last-event-id',
      REPLICA_HEADER,
    ],
    maxAge: 600,
  });

  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    if (status === 413) return fail(reply, 413, 'payload_too_large', err.message);
    if (status >= 400 && status < 500) return fail(reply, status, 'bad_request', err.message);
    return fail(reply, 500, 'internal', 'internal error');
  });

  const openStreams = new Map<string, Set<FastifyReply>>();

  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0];
    // CORS preflights carry no credentials; @fastify/cors answers them.
    if (req.method === 'OPTIONS') return;
    if (path === '/health' || path === '/enrol') return;
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/.exec(header);
    if (!match?.[1]) return fail(reply, 401, 'unauthenticated', 'missing device credential');
    const device = await store.authenticate(match[1]);
    if (device === 'revoked') return fail(reply, 401, 'revoked', 'this device has been revoked');
    if (!device) return fail(reply, 401, 'unauthenticated', 'unknown device credential');
    req.device = device;
  });

  const requireProvince = (req: FastifyRequest, reply: FastifyReply): Device | null => {
    if (req.device?.role !== 'province') {
      void fail(reply, 403, 'forbidden', 'province role required');
      return null;
    }
    return req.device;
  };

  const collectionOf = (req: FastifyRequest, reply: FastifyReply): CollectionName | null => {
    const parsed = collectionNameSchema.safeParse((req.params as { collection?: string }).collection);
    if (!parsed.success) {
      void fail(reply, 404, 'not_found', 'unknown collection');
      return null;
    }
    return parsed.data;
  };
  /** The replica the request names (REPLICA_HEADER), null when it names none; undefined once refused. */
  const replicaOf = (req: FastifyRequest, reply: FastifyReply): string | null | undefined => {
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
  };

  app.get('/health', async () => ({ ok: true, serverTime: now() }));
  app.get('/sync/time', async () => ({ serverTime: now() }));

  app.post('/enrol', async (req, reply) => {
    const parsed = enrolRequestSchema.safeParse(req.body);
    if (!parsed.success) return fail(reply, 400, 'bad_request', z.prettifyError(parsed.error));
    const result = await store.enrol(parsed.data.code, parsed.data.counterId, parsed.data.deviceName);
    if ('error' in result) {
      return result.error === 'not_found'
        ? fail(reply, 404, 'not_found', 'counter not found in this office')
        : fail(reply, 403, 'enrol_code_invalid', 'enrolment code unknown, used or expired');
    }
    req.log.info({ deviceId: result.device.id, officeId: result.device.officeId }, 'device enrolled');
    return {
      deviceId: result.device.id,
      officeId: result.device.officeId,
      counterId: result.device.counterId,
      role: result.device.role,
      token: result.token,
      serverTime: now(),
    };
  });

  app.get('/sync/:collection/pull', async (req, reply) => {
    const collection = collectionOf(req, reply);
    if (!collection) return reply;
    const q = pullQuerySchema.safeParse(req.query);
    if (!q.success) return fail(reply, 400, 'bad_request', z.prettifyError(q.error));
    const replica = replicaOf(req, reply);
    if (replica === undefined) return reply;
    const cp = q.data.seq === undefined ? null : { seq: q.data.seq, id: q.data.id ?? '' };
    const page = await store.pull(req.device!, collection, cp, q.data.limit, replica);
    return sendPullPage(req, reply, page, {
      checkpoint: page.checkpoint,
      serverTime: now(),
      more: page.more,
      echoed: page.echoed,
    });
  });

  app.post('/sync/:collection/push', async (req, reply) => {
    const collection = collectionOf(req, reply);
    if (!collection) return reply;
    // NDJSON bodies (what the counters send) are the rows, one per line; JSON bodies are { rows }.
    const parsed = pushRequestSchema.safeParse(Array.isArray(req.body) ? { rows: req.body } : req.body);
    if (!parsed.success) return fail(reply, 400, 'bad_request', z.prettifyError(parsed.error));
    const replica = replicaOf(req, reply);
    if (replica === undefined) return reply;
    const res = await store.push(req.device!, collection, parsed.data.rows, replica);
    if (res.rejected.length > 0)
      req.log.warn({ deviceId: req.device!.id, collection, rejected: res.rejected }, 'documents rejected');
    return { ...res, serverTime: now() };
  });

  // Live stream: one SSE connection per device. It only says "resync" (on connect and after any change
  // the device may see); the client then pulls from its checkpoint, so no change can slip between.
  app.get('/sync/stream', async (req, reply) => {
    const device = req.device!;
    const replica = replicaOf(req, reply);
    if (replica === undefined) return reply;
    // Hijacked, the reply writes none of the headers set on it so far: CORS's among them, without
    // which a browser on another origin (web mode) never reads the stream.
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(reply.getHeaders()))
      if (value !== undefined) headers[name] = value;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const send = (msg: StreamMessage) => raw.write(`data: ${JSON.stringify(msg)}\n\n`);
    send({ type: 'resync', collections: [], serverTime: now() });
    let pending = new Set<CollectionName>();
    let timer: NodeJS.Timeout | undefined;
    const onChange = (n: ChangeNotice) => {
      if (device.role !== 'province' && !n.officeIds.some((o) => o === null || o === device.officeId)) return;
      // Only the versions this replica pushed: it holds them already.
      if (replica !== null && n.replicas.every((r) => r === replica)) return;
      pending.add(n.collection);
      // Coalesce bursts of pushes into one hint.
      timer ??= setTimeout(() => {
        timer = undefined;
        send({ type: 'resync', collections: [...pending], serverTime: now() });
        pending = new Set();
      }, 30);
    };
    const onRevoked = (id: string) => {
      if (id === device.id) raw.end();
    };
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), opts.heartbeatMs ?? 15_000);
    store.changes.on('change', onChange);
    store.changes.on('revoked', onRevoked);
    const set = openStreams.get(device.id) ?? new Set();
    set.add(reply);
    openStreams.set(device.id, set);
    raw.on('close', () => {
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      store.changes.off('change', onChange);
      store.changes.off('revoked', onRevoked);
      set.delete(reply);
    });
  });

  app.addHook('onClose', async () => {
    for (const set of openStreams.values()) for (const r of set) r.raw.end();
    store.stopListening();
  });

  app.get('/conflicts', async (req) => {
    const all = (req.query as { all?: string }).all === '1';
    return { conflicts: await store.listConflicts(req.device!, all) };
  });
  app.post('/conflicts/:id/resolve', async (req, reply) => {
    const id = Number((req.params as { id: string }).id);
    if (!Number.isInteger(id)) return fail(reply, 400, 'bad_request', 'conflict id');
    if (!(await store.resolveConflict(req.device!, id)))
      return fail(reply, 404, 'not_found', 'no such open conflict');
    return { ok: true };
  });

  // ---------------------------------------------------------------- province administration
  app.post('/admin/enrol-codes', async (req, reply) => {
    if (!requireProvince(req, reply)) return reply;
    const parsed = enrolCodeRequestSchema.safeParse(req.body);
    if (!parsed.success) return fail(reply, 400, 'bad_request', z.prettifyError(parsed.error));
    return store.issueEnrolCode(parsed.data.officeId, parsed.data.role, parsed.data.ttlMinutes);
  });
  app.get('/admin/devices', async (req, reply) => {
    if (!requireProvince(req, reply)) return reply;
    return { devices: await store.listDevices() };
  });
  app.post('/admin/devices/:id/revoke', async (req, reply) => {
    if (!requireProvince(req, reply)) return reply;
    const ok = await store.revokeDevice((req.params as { id: string }).id);
    if (!ok) return fail(reply, 404, 'not_found', 'no such active device');
    return { ok: true };
  });
  app.put('/admin/catalogue/:collection', async (req, reply) => {
    const admin = requireProvince(req, reply);
    if (!admin) return reply;
    const collection = collectionOf(req, reply);
    if (!collection) return reply;
    const parsed = z.object({ documents: z.array(wireDocumentSchema).max(5000) }).safeParse(req.body);
    if (!parsed.success) return fail(reply, 400, 'bad_request', z.prettifyError(parsed.error));
    return store.upsertCatalogue(collection, parsed.data.documents, admin.id);
  });

  await app.register(codeRoutes, { codes: new CodeLeaseStore(store.pool) });
  // After the onRequest hook above: only enrolled, non-revoked devices read the feed.
  await app.register(updatesRoutes, { prefix: '/updates', dir: opts.updatesDir ?? updatesDirOf() });

  if (opts.extend) await opts.extend(app);
  return app;
}
