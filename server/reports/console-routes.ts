/**
 * The console's reports and scan storage (registered under the console's API, an admin session):
 * GET /reports/period — the period report (form 06a figures, daily counts, Index 766) of one office
 * or the whole province, its rows named; an office admin reports on their own office only.
 * GET /storage — the scan files the server holds and the uploads in progress (province admins).
 * Reads only: nothing here is written to the audit log.
 */
import { readdir } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { z } from 'zod';
import { isCalendarDate } from '../../shared/codes/dossier-code';
import {
  periodBounds,
  REPORT_DIMENSIONS,
  type PeriodFigures,
  type ReportDimension,
} from '../../shared/reports';
import { requireAdmins, type AdminPluginOptions } from '../catalogue/admin-auth';
import { fail } from '../http/reply';
import type { ScanStore } from '../scans/store';
import { aggregateFigures } from './aggregate';
import { ReportStore } from './store';

const DAY_MS = 86_400_000;
const dateSchema = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD');

/** The report's query: a period of at most a year, the rows' dimension, an office or the province. */
export const consoleReportQuerySchema = z
  .strictObject({
    from: dateSchema,
    to: dateSchema,
    by: z.enum(REPORT_DIMENSIONS).default('sectorId'),
    office: z.string().min(1).max(100).optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'the period ends before it starts', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) < 366 * DAY_MS, {
    message: 'a period of at most a year',
    path: ['to'],
  });

/** Where each dimension's names are kept, and the field holding the name. */
const NAMES: Record<ReportDimension, { collection: string; field: string }> = {
  officeId: { collection: 'offices', field: 'name' },
  sectorId: { collection: 'sectors', field: 'name' },
  procedureId: { collection: 'procedures', field: 'name' },
  receiverId: { collection: 'officers', field: 'fullName' },
};

/** The display names of these keys of a dimension (a procedure's latest version names it). */
async function namesOf(
  pool: pg.Pool,
  dimension: ReportDimension,
  keys: string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const { collection, field } = NAMES[dimension];
  const { rows } = await pool.query<{ id: string; name: string | null }>(
    `SELECT DISTINCT ON (id) id, doc->>$3 AS name FROM documents
      WHERE collection = $1 AND NOT deleted AND id = ANY($2::text[])
      ORDER BY id, seq DESC`,
    [collection, keys, field],
  );
  return new Map(rows.filter((r) => r.name).map((r) => [r.id, r.name!]));
}

/**
 * The figures by sector (the console's charts by sector) when the report's rows are by another
 * dimension: judged at the same moment as the report.
 */
async function sectorRows(
  pool: pg.Pool,
  period: { from: string; to: string },
  officeId: string | null,
  builtAt: string,
): Promise<{ key: string; figures: PeriodFigures }[]> {
  const { start, end } = periodBounds(period);
  const judgedAt = Math.min(end, Date.parse(builtAt));
  const { rows } = await aggregateFigures(pool, { start, end, judgedAt, officeId }, 'sectorId');
  return [...rows]
    .filter(([, f]) => f.toProcess > 0 || f.returned > 0)
    .map(([key, figures]) => ({ key, figures }));
}

/** The uploads in progress: tus's files in the uploads folder, not its records of them (.json). */
async function uploadsInProgress(scans: ScanStore): Promise<number> {
  const names = await readdir(scans.uploadsDir).catch(() => [] as string[]);
  return names.filter((n) => !n.endsWith('.json')).length;
}

export interface ReportConsoleRoutesOptions extends Pick<AdminPluginOptions, 'authenticate'> {
  pool: pg.Pool;
  scans: ScanStore;
}

export async function reportConsoleRoutes(
  app: FastifyInstance,
  opts: ReportConsoleRoutesOptions,
): Promise<void> {
  requireAdmins(app, opts.authenticate);
  const reports = new ReportStore(opts.pool);

  app.get('/reports/period', async (req, reply) => {
    const parsed = consoleReportQuerySchema.safeParse(req.query);
    if (!parsed.success) return fail(reply, 400, 'bad_request', z.prettifyError(parsed.error));
    const { from, to, by, office } = parsed.data;
    const admin = req.consoleAdmin!;
    if (admin.officeId !== null && office !== undefined && office !== admin.officeId)
      return fail(reply, 403, 'forbidden', 'an office admin reports on their own office only');
    const officeId = admin.officeId ?? office ?? null;
    const report = await reports.periodReport({ from, to }, by, officeId);
    const [names, offices, sectors] = await Promise.all([
      namesOf(
        opts.pool,
        by,
        report.rows.map((r) => r.key),
      ),
      officeId === null ? new Map<string, string>() : namesOf(opts.pool, 'officeId', [officeId]),
      by === 'sectorId' ? report.rows : sectorRows(opts.pool, { from, to }, officeId, report.builtAt),
    ]);
    const sectorNames =
      by === 'sectorId'
        ? names
        : await namesOf(
            opts.pool,
            'sectorId',
            sectors.map((r) => r.key),
          );
    const named = (rows: { key: string; figures: PeriodFigures }[], of: Map<string, string>) =>
      rows
        .map((r) => ({ key: r.key, name: of.get(r.key) ?? r.key, figures: r.figures }))
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return {
      period: report.period,
      dimension: report.dimension,
      officeId,
      officeName: officeId === null ? null : (offices.get(officeId) ?? officeId),
      rows: named(report.rows, names),
      sectors: named(sectors, sectorNames),
      total: report.total,
      days: report.days,
      index766: report.index766,
      builtAt: report.builtAt,
    };
  });

  app.get('/storage', async (req, reply) => {
    if (req.consoleAdmin!.officeId !== null)
      return fail(reply, 403, 'forbidden', 'the server storage is shown to province admins only');
    const [usage, uploads] = await Promise.all([opts.scans.usage(), uploadsInProgress(opts.scans)]);
    return { ...usage, uploads };
  });
}
