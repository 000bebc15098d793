import { afterAll, beforeAll } from 'vitest';
import { startSeededServer, type SeededServer } from '../integration/harness';

/** A seeded server started before the file's tests and closed after them; the getter answers it. */
export function useSeededServer(): () => SeededServer {
  let server: SeededServer | undefined;
  beforeAll(async () => {
    server = await startSeededServer();
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the seeded server starts in beforeAll');
    return server;
  };
}
