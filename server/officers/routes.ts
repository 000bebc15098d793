import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idSchema } from '../../shared/domain/primitives';
import { officerChangesRequestSchema } from '../../shared/officers';
import { counterRequest, requireProvince } from '../devices/auth';
import { fail } from '../http/reply';
import { OfficerNotFound, type OfficerStore } from './store';

export interface OfficerRoutesOptions {
  officers: OfficerStore;
}

const officerParamsSchema = z.object({ id: idSchema });
const resetBodySchema = z.object({ oneTime: z.boolean().default(true) }).default({ oneTime: true });
const activeBodySchema = z.object({ active: z.boolean() });

/**
 * POST /officers/changes: a counter's signed officer changes (the device token says which office;
 * the store checks everything else). POST /admin/officers/:id/password and /admin/officers/:id/active:
 * the province admin resets a password (answers the generated one) or flips the active flag.
 */
export async function officerRoutes(app: FastifyInstance, opts: OfficerRoutesOptions): Promise<void> {
  const { officers } = opts;

  app.post('/officers/changes', async (req, reply) => {
    const request = counterRequest(req, reply, officerChangesRequestSchema);
    if (!request) return reply;
    return { results: await officers.applyFromCounter(request.device, request.body.changes) };
  });

  app.post('/admin/officers/:id/password', async (req, reply) => {
    const admin = requireProvince(req, reply);
    if (!admin) return reply;
    const params = officerParamsSchema.safeParse(req.params);
    const body = resetBodySchema.safeParse(req.body ?? undefined);
    if (!params.success) return fail(reply, 400, 'bad_request', z.prettifyError(params.error));
    if (!body.success) return fail(reply, 400, 'bad_request', z.prettifyError(body.error));
    try {
      const password = await officers.resetPassword(
        params.data.id,
        `province:${admin.id}`,
        body.data.oneTime,
      );
      return { officerId: params.data.id, password, oneTime: body.data.oneTime };
    } catch (error) {
      if (error instanceof OfficerNotFound) return fail(reply, 404, 'not_found', error.message);
      throw error;
    }
  });

  app.post('/admin/officers/:id/active', async (req, reply) => {
    const admin = requireProvince(req, reply);
    if (!admin) return reply;
    const params = officerParamsSchema.safeParse(req.params);
    const body = activeBodySchema.safeParse(req.body);
    if (!params.success) return fail(reply, 400, 'bad_request', z.prettifyError(params.error));
    if (!body.success) return fail(reply, 400, 'bad_request', z.prettifyError(body.error));
    try {
      await officers.setActive(params.data.id, body.data.active, `province:${admin.id}`);
      return { officerId: params.data.id, active: body.data.active };
    } catch (error) {
      if (error instanceof OfficerNotFound) return fail(reply, 404, 'not_found', error.message);
      throw error;
    }
  });
}
