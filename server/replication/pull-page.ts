/**
 * The response of a pull: a page of documents as NDJSON (what the counters ask for) or JSON, and
 * gzip'd here in one piece when the client accepts it. A page is up to a megabyte: @fastify/compress
 * would deflate it as a stream of 16 KB chunks, which takes more CPU than one call.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Checkpoint } from '../../shared/sync/contract';
import { NDJSON_TYPE } from '../../shared/sync/ndjson';
import type { PullPage } from './pull';

const gzipped = promisify(gzip);
const NEWLINE = Buffer.from('\n');
/** Below this a page goes as is (as @fastify/compress's threshold). */
const GZIP_ABOVE_BYTES = 256;

/** Whether the client asked for NDJSON pull pages (the counters do; other clients get JSON). */
function acceptsNdjson(req: FastifyRequest): boolean {
  return (req.headers.accept ?? '').includes(NDJSON_TYPE);
}

/** Whether Accept-Encoding allows gzip (listed, or `*`, with a quality above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** A page's documents (one per line) as the inside of a JSON array. */
function commaSeparated(lines: Buffer): Buffer {
  const out = Buffer.from(lines);
  for (let i = out.indexOf(0x0a); i !== -1; i = out.indexOf(0x0a, i + 1)) out[i] = 0x2c;
  return out;
}

export async function sendPullPage(
  req: FastifyRequest,
  reply: FastifyReply,
  page: PullPage,
  head: { checkpoint: Checkpoint | null; serverTime: string; more: boolean; echoed: number },
): Promise<FastifyReply> {
  let body: Buffer;
  if (acceptsNdjson(req)) {
    const first = Buffer.from(`${JSON.stringify(head)}\n`);
    body = page.count > 0 ? Buffer.concat([first, page.lines, NEWLINE]) : first;
    reply.type(`${NDJSON_TYPE}; charset=utf-8`);
  } else {
    body = Buffer.concat([
      Buffer.from('{"documents":['),
      commaSeparated(page.lines),
      Buffer.from(`],${JSON.stringify(head).slice(1)}`),
    ]);
    reply.type('application/json; charset=utf-8');
  }
  reply.header('vary', 'accept, accept-encoding');
  if (body.length > GZIP_ABOVE_BYTES && acceptsGzip(req.headers['accept-encoding'])) {
    reply.header('content-encoding', 'gzip');
    return reply.send(await gzipped(body));
  }
  return reply.send(body);
}
