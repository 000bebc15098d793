import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedOptions } from './embedded-postgres';

// bigint sequences come back as numbers: they stay far below 2^53 and are compared as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface Database {
  pool: pg.Pool;
  url: string;
  /** Closes the pool and stops the embedded server (if we started one). */
  close(): Promise<void>;
}

export async function openDatabase(opts: {
  url?: string;
  embedded?: EmbeddedOptions;
  poolSize?: number;
}): Promise<Database> {
  let url = opts.url;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!url) {
    const emb = await startEmbeddedPostgres(opts.embedded ?? { dataDir: '.data/pg' });
    url = emb.url;
    stopEmbedded = emb.stop;
  }
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 20 });
  pool.on('error', () => {}); // idle client errors (server restarts) surface on the next query
  let closed = false;
  return {
    pool,
    url,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
      if (stopEmbedded) await stopEmbedded();
    },
  };
}
