import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ErrorBody } from '../../shared/sync/contract';
import type { CodeLeaseStore } from './store';

export interface CodeRoutesOptions {
  codes: CodeLeaseStore;
}

/**
 * POST /codes/slot and POST /codes/lease for the authenticated counter of its own office. Slots and
 * leases belong to the device that asks (its id), never to a counter the body names.
 */
export async function codeRoutes(app: FastifyInstance, opts: CodeRoutesOptions): Promise<void> {
  const { codes } = opts;
  const body = z.looseObject({ officeId: z.string(), counterId: z.string() });
  type Guarded = { ok: false; status: number; error: ErrorBody } | { ok: true; data: z.infer<typeof body> };
  const guard = (raw: unknown, device: { officeId: string; counterId: string; role: string }): Guarded => {
    const parsed = body.safeParse(raw);
    if (!parsed.success)
      return {
        ok: false,
        status: 400,
        error: { error: 'bad_request', message: 'officeId and counterId are required' } satisfies ErrorBody,
      };
    if (
      parsed.data.officeId !== device.officeId ||
      (device.role === 'counter' && parsed.data.counterId !== device.counterId)
    ) {
      return {
        ok: false,
        status: 403,
        error: { error: 'forbidden', message: 'codes for another office or counter' } satisfies ErrorBody,
      };
    }
    return { ok: true, data: parsed.data };
  };
  app.post('/codes/slot', async (req, reply) => {
    const g = guard(req.body, req.device!);
    if (!g.ok) return reply.code(g.status).send(g.error);
    // A restored or copied counter state asks for a slot of its own new epoch (codes/store.ts).
    const epoch = z.string().min(1).max(64).optional().safeParse(g.data.epoch);
    if (!epoch.success)
      return reply
        .code(400)
        .send({ error: 'bad_request', message: 'epoch: 1–64 characters' } satisfies ErrorBody);
    const res = await codes.slot(g.data.officeId, req.device!.id, { epoch: epoch.data });
    if (!res.ok)
      return reply.code(409).send({ error: 'bad_request', message: res.error } satisfies ErrorBody);
    return { slot: res.slot, layout: res.layout, fallbackClosedThrough: res.fallbackClosedThrough };
  });
  app.post('/codes/lease', async (req, reply) => {
    const g = guard(req.body, req.device!);
    if (!g.ok) return reply.code(g.status).send(g.error);
    const res = await codes.lease(req.device!.id, g.data);
    // codes.lease_exhausted / date_closed are normal answers: the counter numbers offline instead.
    if (!res.ok)
      return reply.code(409).send({ error: 'bad_request', message: res.error } satisfies ErrorBody);
    return { lease: res.lease, serverTime: new Date().toISOString() };
  });
}
