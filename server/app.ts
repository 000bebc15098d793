import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { LIMITS } from '../shared/sync/contract';
import { ADMIN_API } from '../shared/admin/contract';
import { DEFAULT_ADMIN_IDLE_MIN } from './admin/accounts';
import { consoleStatic, trackLastSeen } from './admin/console-static';
import { consoleAdminOf } from './admin/console-auth';
import { adminRoutes } from './admin/routes';
import type { AdminPluginOptions } from './catalogue/admin-auth';
import { catalogueAdminRoutes } from './catalogue/admin-routes';
import { CatalogueAdminStore } from './catalogue/admin-store';
import { catalogueRoutes } from './catalogue/routes';
import { codeRoutes } from './codes/routes';
import { consoleDirOf, DEFAULT_AUTH_RATE_PER_MIN, updatesDirOf } from './config';
import { conflictRoutes } from './conflicts/routes';
import { officeCounterRoutes } from './counters/routes';
import { OfficeCounters } from './counters/store';
import { authenticateDevices } from './devices/auth';
import { deviceRoutes } from './devices/routes';
import { dossierRoutes } from './dossiers/routes';
import { holidayAdminRoutes } from './holidays/admin-routes';
import { healthRoutes } from './http/health';
import { officerRoutes } from './officers/routes';
import { registerAuthRateLimit } from './http/rate-limit';
import { registerTransport } from './http/transport';
import { replicationRoutes } from './replication/routes';
import { snapshotRoutes } from './replication/snapshot';
import { scanRoutes } from './scans/routes';
import { reportConsoleRoutes } from './reports/console-routes';
import { reportRoutes } from './reports/routes';
import type { Stores } from './stores';
import { updatesRoutes } from './updates/routes';

export interface AppOptions {
  stores: Stores;
  logger?: FastifyServerOptions['logger'];
  /** Extra routes (e.g. test hooks) registered with authentication in place. */
  extend?: (app: FastifyInstance) => void | Promise<void>;
  /** SSE keep-alive comment interval. */
  heartbeatMs?: number;
  /**
   * Origins allowed to call the API from a browser (web mode on another port, the desktop app://
   * origin). Devices authenticate with a bearer token, never cookies, so reflecting any origin
   * ('*', the default) exposes nothing a plain HTTP client could not already reach.
   */
  corsOrigins?: '*' | string[];
  /** Enrolment and login-like requests a minute, per address and per office (DEFAULT_AUTH_RATE_PER_MIN). */
  authRatePerMinute?: number;
  /** Dossier lookups a minute per device (server/dossiers/routes.ts DEFAULT_LOOKUP_RATE_PER_MIN). */
  lookupsPerMinute?: number;
  /** The desktop app's update feed folder (created if missing); UPDATES_DIR from the environment by default. */
  updatesDir?: string;
  /** The built renderer served at /console/ (its console/ page and assets/); CONSOLE_DIR by default. */
  consoleDir?: string;
  /** Minutes without a request after which an admin console session ends. */
  adminIdleMinutes?: number;
  /**
   * The sign-in and audit log of the console's catalogue and holiday routes; the console's admin
   * sessions and audit log by default (tests may name their admin another way).
   */
  admin?: AdminPluginOptions;
}

/** Where the console's catalogue and holiday routes live (no device token: an admin session). */
export const CONSOLE_API_PREFIX = ADMIN_API;

/** The provincial server: transport and device authentication for every route, then each concern's routes. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { stores } = opts;
  // Devices are authenticated from memory while revocations reach this process, and the live
  // streams hear of changes committed by any server process.
  await stores.listener.listen();
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: LIMITS.maxBodyBytes,
    return503OnClosing: true,
    // electron-updater's differential download asks for up to 1000 byte ranges in one Range header
    // (about 19 KB): above Node's 16 KB default it would get 431 and fall back to the whole installer.
    http: { maxHeaderSize: 64 * 1024 },
  });
  await registerTransport(app, { corsOrigins: opts.corsOrigins ?? '*' });
  await registerAuthRateLimit(app, opts.authRatePerMinute ?? DEFAULT_AUTH_RATE_PER_MIN);
  // Before the route plugins: they inherit it.
  app.addHook('onRequest', authenticateDevices(stores.devices));
  app.addHook('onResponse', trackLastSeen(stores.pool));

  await app.register(healthRoutes);
  await app.register(deviceRoutes, { devices: stores.devices });
  await app.register(replicationRoutes, {
    replication: stores.replication,
    revocations: stores.devices.revocations,
    heartbeatMs: opts.heartbeatMs ?? 15_000,
  });
  await app.register(snapshotRoutes, { pool: stores.pool });
  await app.register(conflictRoutes, { conflicts: stores.conflicts });
  await app.register(dossierRoutes, { pool: stores.pool, lookupsPerMinute: opts.lookupsPerMinute });
  await app.register(catalogueRoutes, { catalogue: stores.catalogue });
  await app.register(codeRoutes, { codes: stores.codes });
  await app.register(reportRoutes, { pool: stores.pool });
  await app.register(officerRoutes, { officers: stores.officers });
  await app.register(officeCounterRoutes, {
    counters: new OfficeCounters(stores.pool, stores.admin.offices, stores.devices),
  });
  await app.register(scanRoutes, { scans: stores.scans });
  await app.register(updatesRoutes, { prefix: '/updates', dir: opts.updatesDir ?? updatesDirOf() });
  await app.register(adminRoutes, {
    prefix: ADMIN_API,
    pool: stores.pool,
    ...stores.admin,
    idleMinutes: opts.adminIdleMinutes ?? DEFAULT_ADMIN_IDLE_MIN,
  });
  await app.register(consoleStatic, { dir: opts.consoleDir ?? consoleDirOf() });
  const consoleAdmin = opts.admin ?? consoleAdminOf(stores, opts.adminIdleMinutes ?? DEFAULT_ADMIN_IDLE_MIN);
  const catalogueAdmin = {
    ...consoleAdmin,
    store: new CatalogueAdminStore(stores.pool, stores.catalogue),
    prefix: CONSOLE_API_PREFIX,
  };
  await app.register(catalogueAdminRoutes, catalogueAdmin);
  await app.register(holidayAdminRoutes, catalogueAdmin);
  await app.register(reportConsoleRoutes, { ...catalogueAdmin, pool: stores.pool, scans: stores.scans });
  app.addHook('onClose', async () => stores.listener.stop());

  if (opts.extend) await opts.extend(app);
  return app;
}
