import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  adminEnrolCodeRequestSchema,
  counterInputSchema,
  officeInputSchema,
  officerActiveRequestSchema,
  officerCreateRequestSchema,
  officerRolesRequestSchema,
  revokeRequestSchema,
} from '../../shared/admin/contract';
import { idSchema } from '../../shared/domain/primitives';
import { adminOf, parseOr400 } from './http';
import type { OfficeAdmin } from './offices';
import type { OfficerAdmin } from './officers';
import { AdminRefusal } from './refusal';

const officeParams = z.object({ officeId: idSchema });
const counterParams = z.object({ officeId: idSchema, counterId: idSchema });
const idParams = z.object({ id: idSchema });

/** Offices, counters, enrolment codes, devices and officers, for the signed-in admin's offices. */
export async function officeRoutes(
  app: FastifyInstance,
  opts: { offices: OfficeAdmin; officers: OfficerAdmin },
): Promise<void> {
  const { offices, officers } = opts;

  app.get('/offices', async (req) => ({ items: await offices.listOffices(adminOf(req)) }));
  app.get('/sectors', async () => ({ items: await offices.listSectors() }));
  app.post('/offices', async (req) =>
    offices.saveOffice(adminOf(req), parseOr400(officeInputSchema, req.body), true),
  );
  app.put('/offices/:officeId', async (req) => {
    const { officeId } = parseOr400(officeParams, req.params);
    const body = parseOr400(officeInputSchema, req.body);
    if (body.id !== officeId) throw new AdminRefusal(400, 'bad_request', 'id: the office of the address');
    return offices.saveOffice(adminOf(req), body, false);
  });

  app.get('/offices/:officeId/counters', async (req) => {
    const { officeId } = parseOr400(officeParams, req.params);
    return { items: await offices.listCounters(adminOf(req), officeId) };
  });
  app.post('/offices/:officeId/counters', async (req) => {
    const { officeId } = parseOr400(officeParams, req.params);
    return offices.saveCounter(adminOf(req), officeId, parseOr400(counterInputSchema, req.body), true);
  });
  app.put('/offices/:officeId/counters/:counterId', async (req) => {
    const { officeId, counterId } = parseOr400(counterParams, req.params);
    const body = parseOr400(counterInputSchema.omit({ id: true }), req.body);
    return offices.saveCounter(adminOf(req), officeId, { ...body, id: counterId }, false);
  });
  app.post('/offices/:officeId/counters/:counterId/enrol-code', async (req) => {
    const { officeId, counterId } = parseOr400(counterParams, req.params);
    const { ttlMinutes } = parseOr400(adminEnrolCodeRequestSchema, req.body ?? {});
    return offices.issueCounterCode(adminOf(req), officeId, counterId, ttlMinutes);
  });

  app.get('/devices', async (req) => ({ items: await offices.listDevices(adminOf(req)) }));
  app.post('/devices/:id/revoke', async (req) => {
    const { id } = parseOr400(z.object({ id: z.string().min(1).max(64) }), req.params);
    const { reason } = parseOr400(revokeRequestSchema, req.body ?? {});
    await offices.revokeDevice(adminOf(req), id, reason);
    return { ok: true };
  });

  app.get('/offices/:officeId/officers', async (req) => {
    const { officeId } = parseOr400(officeParams, req.params);
    return { items: await officers.list(adminOf(req), officeId) };
  });
  app.post('/officers', async (req) => {
    const { officer, password } = await officers.create(
      adminOf(req),
      parseOr400(officerCreateRequestSchema, req.body),
    );
    return { officer, password };
  });
  app.put('/officers/:id/roles', async (req) => {
    const { id } = parseOr400(idParams, req.params);
    return officers.setRoles(adminOf(req), id, parseOr400(officerRolesRequestSchema, req.body).roles);
  });
  app.post('/officers/:id/password', async (req) => {
    const { id } = parseOr400(idParams, req.params);
    return { officerId: id, password: await officers.resetPassword(adminOf(req), id) };
  });
  app.post('/officers/:id/active', async (req) => {
    const { id } = parseOr400(idParams, req.params);
    const { active } = parseOr400(officerActiveRequestSchema, req.body);
    await officers.setActive(adminOf(req), id, active);
    return { officerId: id, active };
  });
}
