// The desktop app's update feed: electron-updater's generic provider reads `<server>/updates/` with
// the device token, so the feed sits behind the same device authentication as the sync routes
// (devices/auth.ts). IT staff fill the folder with electron-builder's output.
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../../shared/sync/contract';
import { updateFileContentType } from './feed-files';

/** electron-updater asks for at most 1000 parts per request; more get the whole file instead. */
const MAX_PARTS = 1000;

/**
 * The ranges of a multi-range request, in request order, or null when it is not one we answer with
 * multipart/byteranges (single range, syntax we do not take, overlapping or unsorted parts): those go
 * to @fastify/send, which answers single ranges (206/416) and serves the whole file otherwise.
 * Parts are never merged: electron-updater maps the n-th part to the n-th range it asked for.
 */
export function multipartRanges(
  header: string | undefined,
  size: number,
): { start: number; end: number }[] | null {
  if (!header?.startsWith('bytes=')) return null;
  const specs = header.slice(6).split(',');
  if (specs.length < 2 || specs.length > MAX_PARTS) return null;
  const ranges: { start: number; end: number }[] = [];
  for (const spec of specs) {
    const m = /^\s*(\d+)-(\d*)\s*$/.exec(spec);
    if (!m) return null;
    const start = Number(m[1]);
    const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (start > end || start >= size) return null;
    const previous = ranges.at(-1);
    if (previous && start <= previous.end) return null;
    ranges.push({ start, end });
  }
  return ranges;
}

function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).send({ error: 'not_found', message: 'no such update file' } satisfies ErrorBody);
}

function multipartBody(
  file: string,
  ranges: { start: number; end: number }[],
  type: string,
  size: number,
  boundary: string,
): { body: Readable; length: number } {
  const head = (r: { start: number; end: number }, i: number) =>
    Buffer.from(
      `${i === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: ${type}\r\nContent-Range: bytes ${r.start}-${r.end}/${size}\r\n\r\n`,
    );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length =
    ranges.reduce((sum, r, i) => sum + head(r, i).length + (r.end - r.start + 1), 0) + tail.length;
  async function* parts() {
    for (const [i, r] of ranges.entries()) {
      yield head(r, i);
      for await (const chunk of createReadStream(file, { start: r.start, end: r.end })) yield chunk as Buffer;
    }
    yield tail;
  }
  return { body: Readable.from(parts(), { objectMode: false }), length };
}

export interface UpdatesOptions {
  /** The folder IT staff fill; created when missing. */
  dir: string;
}

/**
 * GET/HEAD `/updates/<file>` (register with prefix '/updates'). Authentication is the app's
 * onRequest hook; this plugin only decides what may be served and how.
 */
export async function updatesRoutes(app: FastifyInstance, opts: UpdatesOptions): Promise<void> {
  const root = path.resolve(opts.dir);
  mkdirSync(root, { recursive: true });
  const realRoot = realpathSync(root);
  app.log.info({ dir: root }, 'update feed folder (served at /updates/)');
  await app.register(fastifyStatic, {
    root,
    serve: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    acceptRanges: true,
    etag: true,
    lastModified: true,
    cacheControl: false,
    setHeaders(reply, file) {
      reply.header('content-type', updateFileContentType(path.basename(file)) ?? 'application/octet-stream');
      // Per-device (authenticated); always revalidated so a new latest.yml is seen at once.
      reply.header('cache-control', 'private, no-cache');
    },
  });

  // The folder's listing, sub-folders and unknown names are all simply "not here".
  app.setNotFoundHandler((_req, reply) => notFound(reply));
  // @fastify/send's 416 carries `Content-Range: bytes */size`, which the app's handler would drop.
  app.setErrorHandler(
    (err: Error & { statusCode?: number; headers?: Record<string, string> }, _req, reply) => {
      if (err.statusCode !== 416) throw err; // the app's handler
      return reply
        .code(416)
        .headers(err.headers ?? {})
        .send({ error: 'bad_request', message: 'range not satisfiable' } satisfies ErrorBody);
    },
  );

  app.route({
    method: ['GET', 'HEAD'],
    url: '/:file',
    // @fastify/compress would gzip blockmaps and installers served as octet-stream, on the fly and
    // under an ETag of the plain file; latest.yml is under 1 KB, not worth an exception.
    compress: false,
    async handler(req: FastifyRequest<{ Params: { file: string } }>, reply) {
      const name = req.params.file;
      const type = updateFileContentType(name);
      if (!type) return notFound(reply);
      const file = path.join(root, name);
      // Only files inside the folder: a symbolic link leading out of it is never followed.
      const real = await realpath(file).catch(() => null);
      if (!real || path.dirname(real) !== realRoot) return notFound(reply);
      const info = await stat(real).catch(() => null);
      if (!info?.isFile()) return notFound(reply);
      const ranges =
        req.method === 'GET' && req.headers['if-range'] === undefined
          ? multipartRanges(req.headers.range, info.size)
          : null;
      if (!ranges) return reply.sendFile(path.basename(real), realRoot);
      const boundary = `motcua-${randomBytes(12).toString('hex')}`;
      const { body, length } = multipartBody(real, ranges, type, info.size, boundary);
      return reply
        .code(206)
        .header('content-type', `multipart/byteranges; boundary=${boundary}`)
        .header('content-length', length)
        .header('accept-ranges', 'bytes')
        .header('last-modified', info.mtime.toUTCString())
        .header('cache-control', 'private, no-cache')
        .send(body);
    },
  });
}
