import {
  snapshotEndSchema,
  snapshotGroupSchema,
  snapshotHeadSchema,
  type SnapshotEnd,
  type SnapshotPhase,
} from '../../../shared/sync/snapshot';
import { bearer, type Checkpoint } from '../../../shared/sync/contract';
import { NDJSON_TYPE } from '../../../shared/sync/ndjson';

export type SnapshotCollection = 'dossiers' | 'dossier_events';
export type SnapshotDoc = Record<string, unknown> & { id: string };

export interface SnapshotRequest {
  serverUrl: string;
  token: string;
  fetch: typeof fetch;
  phase: SnapshotPhase;
  /** The recent phase's window and checkpoints (history only). */
  since?: string;
  checkpoints?: { dossiers: Checkpoint; dossier_events: Checkpoint };
  signal?: AbortSignal;
}

export interface SnapshotHandlers {
  /** The phase's size, before its first group. */
  onHead(dossiers: number, since: string): void;
  /** A group of documents of one collection; the stream waits for it (the write paces the read). */
  onGroup(collection: SnapshotCollection, docs: SnapshotDoc[]): Promise<void>;
}

export class SnapshotError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function snapshotUrl(req: SnapshotRequest): string {
  const q = new URLSearchParams({ phase: req.phase });
  if (req.since) q.set('since', req.since);
  if (req.checkpoints) {
    q.set('dossiersSeq', String(req.checkpoints.dossiers.seq));
    q.set('dossiersId', req.checkpoints.dossiers.id);
    q.set('eventsSeq', String(req.checkpoints.dossier_events.seq));
    q.set('eventsId', req.checkpoints.dossier_events.id);
  }
  return `${req.serverUrl}/sync/snapshot?${q}`;
}

/** Yields the body's lines as they arrive (the browser has undone the gzip). */
async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    rest += decoder.decode(value, { stream: true });
    let at = rest.indexOf('\n');
    let from = 0;
    while (at !== -1) {
      if (at > from) yield rest.slice(from, at);
      from = at + 1;
      at = rest.indexOf('\n', from);
    }
    rest = rest.slice(from);
  }
  if (rest.length > 0) yield rest;
}

/**
 * Reads one phase of the office's snapshot (GET /sync/snapshot, shared/sync/snapshot.ts), handing
 * its groups on as they arrive. Resolves with the end line (its checkpoints); a stream cut before it
 * rejects, and the phase is read again from its start (what was written stays: writes skip it).
 */
export async function readSnapshot(req: SnapshotRequest, handlers: SnapshotHandlers): Promise<SnapshotEnd> {
  const res = await req.fetch(snapshotUrl(req), {
    headers: { authorization: bearer(req.token), accept: NDJSON_TYPE },
    signal: req.signal,
  });
  if (!res.ok || !res.body) throw new SnapshotError(res.status, `snapshot: HTTP ${res.status}`);
  let group: { collection: SnapshotCollection; left: number; docs: SnapshotDoc[] } | null = null;
  let headSeen = false;
  for await (const text of lines(res.body)) {
    const value = JSON.parse(text) as unknown;
    if (group) {
      group.docs.push(value as SnapshotDoc);
      if (--group.left === 0) {
        const done: typeof group = group;
        group = null;
        await handlers.onGroup(done.collection, done.docs);
      }
      continue;
    }
    if (!headSeen) {
      const head = snapshotHeadSchema.parse(value);
      headSeen = true;
      handlers.onHead(head.dossiers, head.since);
      continue;
    }
    const end = snapshotEndSchema.safeParse(value);
    if (end.success) return end.data;
    const next = snapshotGroupSchema.parse(value);
    if (next.count > 0) group = { collection: next.collection, left: next.count, docs: [] };
  }
  throw new SnapshotError(0, 'snapshot: the stream ended before its checkpoints');
}
