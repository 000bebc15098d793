/**
 * gzip request bodies (counters gzip pushes above 1 KB), inflated in one call rather than through
 * a zlib stream. A counter's push of one step is a few hundred bytes compressed; streamed, it would
 * go through the zlib thread pool twice (data, then flush) and a stream pipeline, which costs the
 * server's event loop more than reading the push. Small bodies are inflated at once on the event loop; larger ones (a backlog's pushes of up to 2,000
 * documents) in one thread-pool job. The body limit applies before and after inflating: inflating
 * stops at the limit, so a small gzip bomb is refused with 413 without growing past it.
 */
import { promisify } from 'node:util';
import { gunzip, gunzipSync, type InputType, type ZlibOptions } from 'node:zlib';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';

const gunzipAsync = promisify<InputType, ZlibOptions, Buffer>(gunzip);

/** Compressed bodies up to this size are inflated on the event loop (well under a millisecond). */
export const INLINE_GZIP_BYTES = 32 * 1024;

export class BodyError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** The whole request stream, refusing with 413 once it passes `limit` bytes. */
async function readAll(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    length += buffer.length;
    if (length > limit) throw new BodyError(413, `request body is larger than ${limit} bytes`);
    chunks.push(buffer);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
}

/** Inflates a gzip body of at most `limit` bytes once inflated (413 above it, 400 if not gzip). */
export async function inflateBody(compressed: Buffer, limit: number): Promise<Buffer> {
  const options = { maxOutputLength: limit };
  try {
    return compressed.length <= INLINE_GZIP_BYTES
      ? gunzipSync(compressed, options)
      : await gunzipAsync(compressed, options);
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new BodyError(413, `request body inflates to more than ${limit} bytes`);
    throw new BodyError(400, `request body is not valid gzip (${(err as Error).message})`);
  }
}

/**
 * Accept `content-encoding: gzip` (or identity) request bodies on every route; any other encoding
 * is refused with 415.
 */
export function registerGzipBodies(app: FastifyInstance, limit: number): void {
  app.addHook('preParsing', async (req, _reply, payload) => {
    const encoding = req.headers['content-encoding']?.trim().toLowerCase();
    if (!encoding || encoding === 'identity') return payload;
    if (encoding !== 'gzip')
      throw new BodyError(415, `unsupported content-encoding "${encoding}" (gzip or none)`);
    const max = req.routeOptions.bodyLimit ?? limit;
    const compressed = await readAll(payload, max);
    const inflated = await inflateBody(compressed, max);
    // Fastify compares what it reads against content-length, which counts the compressed bytes.
    return Object.assign(Readable.from([inflated], { objectMode: false }), {
      receivedEncodedLength: compressed.length,
    });
  });
}
