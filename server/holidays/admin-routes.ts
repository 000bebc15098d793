/**
 * The console's holiday schedules: a year as the province holds it (or the official one to start
 * from), and saving an edited year. A saved year is the same `holidays` catalogue document that
 * `server/cli.ts import --collection holidays` writes: counters receive it at their next sync.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SHIPPED_SCHEDULES, generateSchedule, holidayScheduleSchema } from '../../shared/calendar';
import { holidayDocumentOf, scheduleOfDocument } from '../../shared/catalogue';
import { syncedHolidayScheduleSchema } from '../../shared/sync/contract';
import { provinceAdmin, requireAdmins, type AdminPluginOptions } from '../catalogue/admin-auth';
import type { CatalogueAdminStore } from '../catalogue/admin-store';
import { fail } from '../http/reply';

export interface HolidayAdminRoutesOptions extends AdminPluginOptions {
  store: CatalogueAdminStore;
  now?: () => Date;
}

const yearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** Reasons of the calendar's schema, in Vietnamese. */
const REASONS: Record<string, string> = {
  'holiday.date_outside_year': 'ngày không thuộc năm đang sửa',
  'holiday.date_duplicate': 'một ngày ghi hai lần',
  'holiday.make_up_not_weekend': 'ngày làm bù phải là thứ Bảy hoặc Chủ nhật',
};

export async function holidayAdminRoutes(
  app: FastifyInstance,
  opts: HolidayAdminRoutesOptions,
): Promise<void> {
  const { store, audit } = opts;
  const now = opts.now ?? (() => new Date());
  requireAdmins(app, opts.authenticate);

  /** Every year the province holds (calendar form), for due-date previews across years. */
  app.get('/holidays', async () => ({ stored: (await store.holidaySchedules()).map(scheduleOfDocument) }));

  app.get('/holidays/:year', async (req, reply) => {
    const params = yearParam.safeParse(req.params);
    if (!params.success) return fail(reply, 400, 'bad_request', 'Năm phải từ 2000 đến 2100.');
    const { year } = params.data;
    const stored = (await store.holidaySchedules()).find((d) => d.year === year);
    return {
      year,
      stored: stored ? scheduleOfDocument(stored) : null,
      official: SHIPPED_SCHEDULES.find((s) => s.year === year) ?? generateSchedule(year),
    };
  });

  app.put('/holidays/:year', async (req, reply) => {
    const admin = provinceAdmin(req, reply);
    if (!admin) return reply;
    const params = yearParam.safeParse(req.params);
    const body = z.object({ schedule: holidayScheduleSchema }).safeParse(req.body);
    if (!params.success || !body.success) {
      const issue = body.error?.issues[0];
      const reason = issue ? (REASONS[issue.message] ?? issue.message) : 'năm không hợp lệ';
      return fail(
        reply,
        400,
        'bad_request',
        `Lịch nghỉ không hợp lệ: ${reason} (${issue?.path.join('.') ?? 'year'}).`,
      );
    }
    const { schedule } = body.data;
    if (schedule.year !== params.data.year)
      return fail(
        reply,
        400,
        'bad_request',
        `Lịch gửi lên là của năm ${schedule.year}, không phải ${params.data.year}.`,
      );
    const doc = holidayDocumentOf(schedule, now().toISOString());
    const checked = syncedHolidayScheduleSchema.safeParse(doc);
    if (!checked.success)
      return fail(
        reply,
        400,
        'bad_request',
        'Lịch nghỉ có quá nhiều ngày (tối đa 120 ngày nghỉ và 60 ngày làm bù).',
      );
    const before = (await store.holidaySchedules()).find((d) => d.year === schedule.year) ?? null;
    await store.write('holidays', [checked.data], admin.adminId, (client) =>
      audit(
        {
          adminId: admin.adminId,
          action: 'holidays.save',
          target: `holidays:${schedule.year}`,
          before,
          after: checked.data,
        },
        client,
      ),
    );
    return { saved: scheduleOfDocument(checked.data) };
  });
}
