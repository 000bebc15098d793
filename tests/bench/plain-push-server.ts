/**
 * The baseline of bench:sync's push latency: a minimal push endpoint in its own Node process, as the
 * provincial server runs. Fastify and pg like the server, the same gzip and NDJSON request bodies,
 * and one INSERT of the rows into a table of id and JSON text; no credential, schema, workflow or
 * conflict check, no group commit. Started by push-latency.ts (startPlainPushServer) with
 * DATABASE_URL and PORT, like the server it stands beside (server-process.ts: ready once GET /health
 * answers).
 */
import Fastify from 'fastify';
import pg from 'pg';
import { LIMITS } from '../../shared/sync/contract';
import { registerGzipBodies } from '../../server/http/gzip-body';
import { registerNdjsonBodies } from '../../server/http/ndjson-body';

type Row = { newDocumentState?: { id?: unknown } };

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_plain_push (id text PRIMARY KEY, doc json NOT NULL)');
  const app = Fastify({ bodyLimit: LIMITS.maxBodyBytes });
  registerGzipBodies(app, LIMITS.maxBodyBytes);
  registerNdjsonBodies(app);
  app.get('/health', async () => ({ ok: true }));
  app.post('/sync/:collection/push', async (req, reply) => {
    const rows = req.body as Row[];
    if (!Array.isArray(rows)) return reply.code(400).send({ error: 'bad_request' });
    const docs = rows.map((r) => r.newDocumentState ?? {});
    await pool.query(
      `INSERT INTO bench_plain_push (id, doc) SELECT * FROM unnest($1::text[], $2::json[])
       ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`,
      [docs.map((d) => String(d.id)), docs.map((d) => JSON.stringify(d))],
    );
    return { rejected: [], conflicts: [] };
  });
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
  process.on('SIGTERM', () => {
    void app.close().then(() => pool.end().then(() => process.exit(0)));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
