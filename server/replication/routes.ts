import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { pullQuerySchema, pushRequestSchema } from '../../shared/sync/contract';
import type { DeviceStore } from '../devices/store';
import { fail, serverTime } from '../http/reply';
import { collectionOf, replicaOf } from '../http/request';
import { openLiveStream } from './live-stream';
import { sendPullPage } from './pull-page';
import type { ReplicationStore } from './store';

export interface ReplicationRoutesOptions {
  replication: ReplicationStore;
  /** Ends the live streams of a revoked device. */
  revocations: DeviceStore['revocations'];
  /** SSE keep-alive comment interval. */
  heartbeatMs: number;
}

/** The sync routes: server time, pull, push and the live stream, for the authenticated device. */
export async function replicationRoutes(app: FastifyInstance, opts: ReplicationRoutesOptions): Promise<void> {
  const { replication } = opts;

  app.get('/sync/time', async () => ({ serverTime: serverTime() }));

  app.get('/sync/:collection/pull', async (req, reply) => {
    const collection = collectionOf(req, reply);
    if (!collection) return reply;
    const q = pullQuerySchema.safeParse(req.query);
    if (!q.success) return fail(reply, 400, 'bad_request', z.prettifyError(q.error));
    const replica = replicaOf(req, reply);
    if (replica === undefined) return reply;
    const cp = q.data.seq === undefined ? null : { seq: q.data.seq, id: q.data.id ?? '' };
    const page = await replication.pull(req.device!, collection, cp, q.data.limit, replica);
    return sendPullPage(req, reply, page, {
      checkpoint: page.checkpoint,
      serverTime: serverTime(),
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
    const res = await replication.push(req.device!, collection, parsed.data.rows, replica);
    if (res.rejected.length > 0)
      req.log.warn({ deviceId: req.device!.id, collection, rejected: res.rejected }, 'documents rejected');
    return { ...res, serverTime: serverTime() };
  });

  const openStreams = new Set<FastifyReply>();
  app.get('/sync/stream', async (req, reply) => {
    const replica = replicaOf(req, reply);
    if (replica === undefined) return reply;
    const stream = openLiveStream(reply, req.device!, replica, {
      changes: replication.changes,
      revocations: opts.revocations,
      heartbeatMs: opts.heartbeatMs,
    });
    openStreams.add(reply);
    void stream.closed.then(() => openStreams.delete(reply));
  });
  // Before the server waits for its open requests to finish: a live stream never finishes by itself.
  app.addHook('preClose', async () => {
    for (const stream of openStreams) stream.raw.end();
  });
}
