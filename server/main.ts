import path from 'node:path';
import { buildApp } from './app';
import { corsOriginsOf, loadConfig } from './config';
import { openDatabase } from './db/pool';
import { demoAdminMessage, seedDemoAdmin } from './admin/demo-admin';
import { demoEnrolMessage, issueDemoEnrolCode, seedDemo } from './catalogue/demo-seed';
import { migrate } from './db/migrations';
import { openStores } from './stores';

/** `npm run server`: the provincial sync server (embedded PostgreSQL unless DATABASE_URL is set). */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({
    url: config.DATABASE_URL,
    embedded: { dataDir: config.PG_DATA_DIR, port: config.PG_PORT },
  });
  const applied = await migrate(db.pool);
  const stores = openStores(db.pool, {
    clockSkewMs: config.CLOCK_SKEW_S * 1000,
    scansDir: path.resolve(config.SCANS_DIR),
  });
  const app = await buildApp({
    stores,
    logger: { level: config.LOG_LEVEL },
    corsOrigins: corsOriginsOf(config),
    authRatePerMinute: config.AUTH_RATE_PER_MIN,
    consoleDir: config.CONSOLE_DIR,
    adminIdleMinutes: config.ADMIN_IDLE_MIN,
  });
  app.log.info({ applied, embedded: !config.DATABASE_URL }, 'database ready');
  if (config.SEED_DEMO) {
    const written = await seedDemo(stores);
    const admin = await seedDemoAdmin(stores);
    app.log.info({ written, admin }, 'demo office seeded (SEED_DEMO=1)');
  }
  await app.listen({ host: config.HOST, port: config.PORT });
  if (config.SEED_DEMO) {
    // Printed plainly (not as a JSON log line): the newcomer has to read and type it.
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
    const { code, expiresAt } = await issueDemoEnrolCode(stores);
    console.log(demoEnrolMessage(code, `http://${host}:${port}`, expiresAt));
    console.log(demoAdminMessage(`http://${host}:${port}`));
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown grace period over, exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_S * 1000);
    force.unref();
    try {
      await app.close(); // stops accepting, waits for running requests, ends SSE streams
      await db.close(); // closes the pool, stops embedded PostgreSQL
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
