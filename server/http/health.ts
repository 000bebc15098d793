import type { FastifyInstance } from 'fastify';
import { serverTime } from './reply';

/** GET /health: the server answers (no credential needed). */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', async () => ({ ok: true, serverTime: serverTime() }));
}
