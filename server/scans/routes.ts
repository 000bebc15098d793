import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_SCAN_BYTES } from '../../shared/domain/scan';
import type { Device } from '../devices/device';
import { fail } from '../http/reply';
import { isSha256, type ScanStore } from './store';

export interface ScanRoutesOptions {
  scans: ScanStore;
  /** How long an unfinished upload may lie untouched before it is deleted (ms). */
  staleUploadMs?: number;
}

/** Unfinished uploads untouched this long are deleted: on start, then daily. */
export const STALE_UPLOAD_MS = 7 * 24 * 60 * 60 * 1000;
const STALE_SWEEP_EVERY_MS = 24 * 60 * 60 * 1000;

/** Where tus uploads are reached; finished files are read at `/scans/<sha256>`. */
export const UPLOADS_PATH = '/scans/uploads';
/** The header the route sets (never the client) naming the device that creates an upload. */
const OWNER_HEADER = 'x-motcua-scan-owner';
/** The status tus gives a checksum mismatch: the client drops the upload and sends the file again. */
const HASH_MISMATCH = 460;

/** A device's tag in its uploads' ids: an upload is continued only by the device that began it. */
const ownerTag = (device: Device): string =>
  createHash('sha256').update(device.id).digest('hex').slice(0, 16);

/**
 * Scans: resumable uploads (tus, @tus/server over a folder) and reads of finished files. Fastify
 * leaves tus's bodies unparsed and hands the raw request to the tus server. Every upload announces
 * the file's SHA-256; the finished file is checked against it and kept under that name, or deleted.
 * A file is read only by devices of an office with a dossier that records it.
 */
export async function scanRoutes(app: FastifyInstance, opts: ScanRoutesOptions): Promise<void> {
  const { scans } = opts;
  await scans.ready();
  const staleMs = opts.staleUploadMs ?? STALE_UPLOAD_MS;
  const sweep = () =>
    scans.deleteStaleUploads(staleMs).then(
      (n) => {
        if (n > 0) app.log.info({ deleted: n }, 'scans: deleted stale unfinished uploads');
      },
      (error: unknown) => app.log.error({ err: error }, 'scans: could not delete stale uploads'),
    );
  await sweep();
  const sweeper = setInterval(() => void sweep(), STALE_SWEEP_EVERY_MS);
  sweeper.unref();
  app.addHook('onClose', async () => clearInterval(sweeper));
  const tus = new TusServer({
    path: UPLOADS_PATH,
    datastore: new FileStore({ directory: scans.uploadsDir }),
    maxSize: MAX_SCAN_BYTES,
    respectForwardedHeaders: false,
    namingFunction: (req, metadata) => {
      const sha256 = metadata?.sha256 ?? '';
      const owner = req.headers.get(OWNER_HEADER) ?? '';
      return `${owner}.${sha256}.${crypto.randomUUID()}`;
    },
    onUploadCreate: async (_req, upload) => {
      const sha256 = upload.metadata?.sha256 ?? '';
      if (!isSha256(sha256)) throw { status_code: 400, body: 'metadata sha256 missing or invalid\n' };
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      const sha256 = upload.metadata?.sha256 ?? '';
      if (!(await scans.finish(upload.id, sha256))) {
        throw { status_code: HASH_MISMATCH, body: 'the file does not match its sha256: send it again\n' };
      }
      return {};
    },
  });

  // tus reads the bodies itself (PATCH chunks are application/offset+octet-stream).
  app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));

  const handOver = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const device = req.device!;
    const tag = ownerTag(device);
    const id = (req.params as { '*'?: string })['*'] ?? '';
    if (id !== '' && !id.startsWith(`${tag}.`)) {
      await fail(reply, 404, 'not_found', 'no such upload');
      return;
    }
    // tus builds its request from the raw header list: the tag is set there (and any sent one dropped).
    const raw = req.raw.rawHeaders;
    for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i]!.toLowerCase() === OWNER_HEADER) raw.splice(i, 2);
    raw.push(OWNER_HEADER, tag);
    req.raw.headers[OWNER_HEADER] = tag;
    reply.hijack();
    await tus.handle(req.raw, reply.raw);
  };
  app.all(UPLOADS_PATH, handOver);
  app.all(`${UPLOADS_PATH}/*`, handOver);

  /** The file's size when this device's office may read it; otherwise it is not there (404). */
  const readable = async (req: FastifyRequest, reply: FastifyReply): Promise<number | null> => {
    const { sha256 } = req.params as { sha256: string };
    if (!isSha256(sha256)) {
      await fail(reply, 400, 'bad_request', 'not a sha256');
      return null;
    }
    const size = await scans.sizeOf(sha256);
    if (size === null || !(await scans.officeReferences(req.device!.officeId, sha256))) {
      await fail(reply, 404, 'not_found', 'no such file for this office');
      return null;
    }
    return size;
  };

  app.head('/scans/:sha256', async (req, reply) => {
    const size = await readable(req, reply);
    if (size === null) return reply;
    return reply.header('content-length', size).code(200).send();
  });

  app.get('/scans/:sha256', { compress: false, exposeHeadRoute: false }, async (req, reply) => {
    const size = await readable(req, reply);
    if (size === null) return reply;
    const { sha256 } = req.params as { sha256: string };
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-length', size)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(createReadStream(scans.pathOf(sha256)));
  });

  app.get('/scans/usage', async (req, reply) => {
    if (req.device?.role !== 'province') return fail(reply, 403, 'forbidden', 'province role required');
    return scans.usage();
  });
}
