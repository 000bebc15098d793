import type pg from 'pg';

/** Runs `task` in a transaction on its own connection: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  task: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  return settled(client, async () => {
    await client.query('BEGIN');
    const result = await task(client);
    await client.query('COMMIT');
    return result;
  });
}

/**
 * Runs `work`, which ends (commits) the transaction open on `client`: rolled back when it throws;
 * the client goes back to its pool either way.
 */
export async function settled<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Thrown inside inTransaction to roll back and answer `value` instead. */
export class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rollback');
  }
}

/** inTransaction, where a thrown Rollback answers its value after rolling back. */
export async function inTransactionOr<T>(
  pool: pg.Pool,
  task: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  try {
    return await inTransaction(pool, task);
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
}
