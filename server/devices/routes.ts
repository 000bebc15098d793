import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { enrolCodeRequestSchema, enrolRequestSchema, type EnrolResponse } from '../../shared/sync/contract';
import { fail, serverTime } from '../http/reply';
import { requireProvince } from './auth';
import { UnknownCounterError, type DeviceStore } from './store';

export interface DeviceRoutesOptions {
  devices: DeviceStore;
}

/** POST /enrol (public: the code is the credential) and the province's enrolment and device routes. */
export async function deviceRoutes(app: FastifyInstance, opts: DeviceRoutesOptions): Promise<void> {
  const { devices } = opts;

  app.post('/enrol', { preHandler: app.authRateLimit }, async (req, reply) => {
    const parsed = enrolRequestSchema.safeParse(req.body);
    if (!parsed.success) return fail(reply, 400, 'bad_request', z.prettifyError(parsed.error));
    const result = await devices.enrol(parsed.data.code, parsed.data.counterId, parsed.data.deviceName);
    if ('error' in result) {
      if (result.error === 'no_free_slot')
        return fail(
          reply,
          409,
          'bad_request',
          'codes.no_free_slot: every numbering slot of the office is held',
        );
      return result.error === 'not_found'
        ? fail(reply, 404, 'not_found', 'counter not found in this office')
        : fail(reply, 403, 'enrol_code_invalid', 'enrolment code unknown, used or expired');
    }
    req.log.info({ deviceId: result.device.id, officeId: result.device.officeId }, 'device enrolled');
    return {
      deviceId: result.device.id,
      officeId: result.device.officeId,
      counterId: result.device.counterId,
      role: result.device.role,
      token: result.token,
      serverTime: serverTime(),
      ...(result.numbering ?? {}),
    } satisfies EnrolResponse;
  });

  app.post('/admin/enrol-codes', { preHandler: app.authRateLimit }, async (req, reply) => {
    if (!requireProvince(req, reply)) return reply;
    const parsed = enrolCodeRequestSchema.safeParse(req.body);
    if (!parsed.success) return fail(reply, 400, 'bad_request', z.prettifyError(parsed.error));
    const { officeId, role, ttlMinutes, counterId } = parsed.data;
    try {
      return await devices.issueEnrolCode(officeId, role, ttlMinutes, counterId);
    } catch (err) {
      if (err instanceof UnknownCounterError) return fail(reply, 404, 'not_found', err.message);
      throw err;
    }
  });

  app.get('/admin/devices', async (req, reply) => {
    if (!requireProvince(req, reply)) return reply;
    return { devices: await devices.listDevices() };
  });

  app.post('/admin/devices/:id/revoke', async (req, reply) => {
    if (!requireProvince(req, reply)) return reply;
    const ok = await devices.revokeDevice((req.params as { id: string }).id);
    if (!ok) return fail(reply, 404, 'not_found', 'no such active device');
    return { ok: true };
  });
}
