import type { EventEmitter } from 'node:events';
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { CollectionName, StreamMessage } from '../../shared/sync/contract';
import type { Device } from '../devices/device';
import { serverTime } from '../http/reply';
import type { ChangeNotice } from './change-notice';

export interface LiveStreamSources {
  /** 'change' for each commit of any server process (ReplicationStore.changes). */
  changes: EventEmitter<{ change: [ChangeNotice] }>;
  /** 'revoked' with a device id (DeviceStore.revocations): that device's streams end. */
  revocations: EventEmitter<{ revoked: [deviceId: string] }>;
  /** SSE keep-alive comment interval. */
  heartbeatMs: number;
}

/**
 * Live stream: one SSE connection per device. It only says "resync" (on connect and after any change
 * the device may see); the client then pulls from its checkpoint, so no change can slip between.
 * `closed` settles when the connection closes.
 */
export function openLiveStream(
  reply: FastifyReply,
  device: Device,
  replica: string | null,
  sources: LiveStreamSources,
): { closed: Promise<void> } {
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
  send({ type: 'resync', collections: [], serverTime: serverTime() });
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
      send({ type: 'resync', collections: [...pending], serverTime: serverTime() });
      pending = new Set();
    }, 30);
  };
  const onRevoked = (id: string) => {
    if (id === device.id) raw.end();
  };
  const heartbeat = setInterval(() => raw.write(': ping\n\n'), sources.heartbeatMs);
  sources.changes.on('change', onChange);
  sources.revocations.on('revoked', onRevoked);
  const closed = new Promise<void>((resolve) =>
    raw.on('close', () => {
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      sources.changes.off('change', onChange);
      sources.revocations.off('revoked', onRevoked);
      resolve();
    }),
  );
  return { closed };
}
