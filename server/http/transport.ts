import compress from '@fastify/compress';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { DEVICE_REPORT_HEADERS, LIMITS, REPLICA_HEADER } from '../../shared/sync/contract';
import { registerBodyBounds } from './body-bounds';
import { registerGzipBodies } from './gzip-body';
import { registerJsonBodies, registerNdjsonBodies } from './ndjson-body';
import { replyToError } from './reply';

/** Headers of the tus protocol a browser sends and must read (server/scans). */
const TUS_REQUEST_HEADERS = [
  'tus-resumable',
  'upload-length',
  'upload-metadata',
  'upload-offset',
  'upload-defer-length',
  'upload-concat',
  'x-http-method-override',
];
const TUS_RESPONSE_HEADERS = [
  'location',
  'upload-offset',
  'upload-length',
  'tus-resumable',
  'upload-metadata',
  'content-length',
];

export interface TransportOptions {
  /** Browser origins allowed to call the API, or '*' (see AppOptions.corsOrigins). */
  corsOrigins: '*' | string[];
}

/**
 * How requests and answers travel, for every route: gzip both ways, NDJSON bodies, CORS and the
 * error answers. Registered on the app before the route plugins, which inherit it.
 */
export async function registerTransport(app: FastifyInstance, opts: TransportOptions): Promise<void> {
  // gzip both ways: responses above 256 bytes (pull pages gzip themselves, replication/pull-page.ts),
  // and gzip request bodies, inflated in one call (gzip-body.ts; the limit applies after inflating).
  await app.register(compress, {
    global: true,
    encodings: ['gzip'],
    threshold: 256,
    globalDecompression: false,
  });
  registerGzipBodies(app, LIMITS.maxBodyBytes);

  registerJsonBodies(app);
  registerNdjsonBodies(app);
  registerBodyBounds(app);

  await app.register(cors, {
    origin: opts.corsOrigins === '*' ? true : opts.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'content-encoding',
      'accept',
      'last-event-id',
      REPLICA_HEADER,
      ...Object.values(DEVICE_REPORT_HEADERS),
      // Resumable scan uploads (tus, server/scans).
      ...TUS_REQUEST_HEADERS,
    ],
    exposedHeaders: TUS_RESPONSE_HEADERS,
    maxAge: 600,
  });

  app.setErrorHandler(replyToError);
}
