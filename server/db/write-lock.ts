import type pg from 'pg';

/**
 * Advisory lock WRITE (keys 1, 0): held from reading masters to commit, so sequence order = commit
 * order. Taken together with BEGIN in one round trip: every hop made while holding it is paid by
 * every waiting writer.
 */
const BEGIN_WRITE = 'BEGIN; SELECT pg_advisory_xact_lock(1, 0)';

/** The one way into a write of the documents table: a transaction holding WRITE. */
export class WriteLock {
  /**
   * Writers of this process queue here for WRITE before taking a pool connection: otherwise every
   * concurrent writer parks a connection waiting on the advisory lock and starves the reads (device
   * checks, validation, pulls) of the pool. Released once the lock is held, so the ordering still
   * rests on the advisory lock alone (and holds across server processes).
   */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly pool: pg.Pool) {}

  /** A connection inside a transaction that holds WRITE; the caller commits or rolls back. */
  async begin(): Promise<pg.PoolClient> {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((r) => (release = r));
    await previous;
    try {
      const client = await this.pool.connect();
      try {
        await client.query(BEGIN_WRITE);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        client.release();
        throw err;
      }
      return client;
    } finally {
      release();
    }
  }
}
