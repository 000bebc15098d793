import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, onResponseAsyncHookHandler } from 'fastify';
import type pg from 'pg';
import { DEVICE_REPORT_HEADERS, deviceReportSchema, type DeviceReport } from '../../shared/sync/contract';
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

/** The device's report on a request (its headers), each value dropped when malformed. */
function deviceReportOf(headers: Record<string, string | string[] | undefined>): DeviceReport {
  const one = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? undefined : value;
  };
  return deviceReportSchema.parse({
    appVersion: one(DEVICE_REPORT_HEADERS.appVersion),
    sentAt: one(DEVICE_REPORT_HEADERS.sentAt),
    pending: one(DEVICE_REPORT_HEADERS.pending),
  });
}

/**
 * Records each device's last accepted request (devices.last_seen_at: the console's "last sync") and
 * what it reported of itself (app version, clock offset, pending changes), throttled per device so
 * a busy counter costs one small write a minute.
 */
export function trackLastSeen(pool: pg.Pool): onResponseAsyncHookHandler {
  const written = new Map<string, number>();
  return async (req, reply) => {
    const device = req.device;
    if (!device || reply.statusCode >= 400) return;
    const now = Date.now();
    if (now - (written.get(device.id) ?? 0) < LAST_SEEN_EVERY_MS) return;
    written.set(device.id, now);
    const report = deviceReportOf(req.headers);
    await pool
      .query(
        `UPDATE devices SET last_seen_at = now(),
           app_version = coalesce($2, app_version),
           clock_offset_ms = coalesce($3, clock_offset_ms),
           pending_changes = coalesce($4, pending_changes)
         WHERE id = $1`,
        [
          device.id,
          report.appVersion ?? null,
          report.sentAt === undefined ? null : report.sentAt - now,
          report.pending ?? null,
        ],
      )
      .catch((err: unknown) => {
        req.log.warn({ err }, 'last seen not recorded');
      });
  };
}
