import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, onResponseAsyncHookHandler } from 'fastify';
import type pg from 'pg';
import { adminFail } from './http';

/**
 * The built console (vite's second entry: `<dir>/console/index.html`, its chunks in `<dir>/assets/`)
 * at /console/. The page is built to sit one folder below its assets; served at /console/ it asks
 * for them beside itself, at /console/assets/.
 */
export async function consoleStatic(app: FastifyInstance, opts: { dir: string }): Promise<void> {
  const dir = path.resolve(opts.dir);
  const page = path.join(dir, 'console', 'index.html');
  await app.register(fastifyStatic, {
    root: path.join(dir, 'assets'),
    prefix: '/console/assets/',
    decorateReply: false,
    index: false,
    maxAge: '365d',
    immutable: true,
  });
  app.get('/console', async (_req, reply) => reply.redirect('/console/'));
  app.get('/console/', async (_req, reply) => {
    let html: string;
    try {
      html = await readFile(page, 'utf8');
    } catch {
      return adminFail(reply, 404, 'not_found', `console not built (${page}): run npm run build`);
    }
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('x-frame-options', 'DENY')
      .send(html.replaceAll('"../assets/', '"./assets/'));
  });
}

/** How often a device's last contact is written: at most once a minute per device. */
const LAST_SEEN_EVERY_MS = 60_000;

/**
 * Records each device's last accepted request (devices.last_seen_at: the console's "last sync"),
 * throttled per device so a busy counter costs one small write a minute.
 */
export function trackLastSeen(pool: pg.Pool): onResponseAsyncHookHandler {
  const written = new Map<string, number>();
  return async (req, reply) => {
    const device = req.device;
    if (!device || reply.statusCode >= 400) return;
    const now = Date.now();
    if (now - (written.get(device.id) ?? 0) < LAST_SEEN_EVERY_MS) return;
    written.set(device.id, now);
    await pool
      .query('UPDATE devices SET last_seen_at = now() WHERE id = $1', [device.id])
      .catch((err: unknown) => {
        req.log.warn({ err }, 'last seen not recorded');
      });
  };
}
