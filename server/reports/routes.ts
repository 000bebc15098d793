import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { z } from 'zod';
import { isCalendarDate } from '../../shared/codes/dossier-code';
import { REPORT_DIMENSIONS } from '../../shared/reports';
import { fail } from '../http/reply';
import { ReportStore } from './store';

const dateSchema = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD');
const querySchema = z
  .strictObject({
    from: dateSchema,
    to: dateSchema,
    by: z.enum(REPORT_DIMENSIONS).default('sectorId'),
    office: z.string().min(1).max(100).optional(),
  })
  .refine((q) => q.from <= q.to, 'the period ends before it starts')
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, 'a period of at most a year');

/**
 * GET /reports/period?from=&to=&by=&office= — the period report (form 06a figures). A province
 * device may ask for any office or, without `office`, the whole province; a counter only for its own
 * office, whatever it asks.
 */
export async function reportRoutes(app: FastifyInstance, opts: { pool: pg.Pool }): Promise<void> {
  const reports = new ReportStore(opts.pool);
  app.get('/reports/period', async (req, reply) => {
    const parsed = querySchema.safeParse(req.query);
    if (!parsed.success)
      return fail(reply, 400, 'bad_request', parsed.error.issues.map((i) => i.message).join('; '));
    const device = req.device!;
    const { from, to, by, office } = parsed.data;
    if (device.role !== 'province' && office !== undefined && office !== device.officeId)
      return fail(reply, 403, 'forbidden', 'a counter reports on its own office only');
    const officeId = device.role === 'province' ? (office ?? null) : device.officeId;
    return reports.periodReport({ from, to }, by, officeId);
  });
}
