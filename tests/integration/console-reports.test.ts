// The console's reports and scan storage routes against a real server: a province admin reports on
// any office or the whole province, an office admin only on their own; bad queries are refused with
// a clear message; the figures are those of the shared definitions over the same records.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodReportBy, type PeriodFigures, type ReportRecord } from '../../shared/reports';
import { saveRecords } from '../../server/reports/records';
import { adminCall, adminSignIn } from '../support/admin-api';
import { MARCH as MARCH_RECORDS, MARCH_PERIOD } from '../support/report-fixtures';
import { OFFICE_A, OFFICE_B, startSeededServer, type SeededServer } from './harness';

let server: SeededServer;
let province: string;
let officeAdmin: string;

/** The hand-counted month in office A, and one of its dossiers again in office B. */
const RECORDS: ReportRecord[] = [
  ...MARCH_RECORDS.map((r) => ({ ...r, officeId: OFFICE_A })),
  { ...MARCH_RECORDS[0]!, dossierId: 'b-copy', code: 'B-COPY', officeId: OFFICE_B },
];
const expected = (records: ReportRecord[]): PeriodFigures =>
  periodReportBy(records, MARCH_PERIOD, 'sectorId', { asOf: Date.now() }).total;

interface ReportAnswer {
  officeId: string | null;
  officeName: string | null;
  rows: { key: string; name: string; figures: PeriodFigures }[];
  sectors: { key: string; name: string; figures: PeriodFigures }[];
  total: PeriodFigures;
  days: { date: string; received: number; resolved: number }[];
  index766: { losingTotal: number };
}
const report = (token: string, query: string) =>
  adminCall<ReportAnswer & { error?: string; message?: string }>(
    server.url,
    'GET',
    `/reports/period?${query}`,
    { token },
  );
const MARCH = `from=${MARCH_PERIOD.from}&to=${MARCH_PERIOD.to}`;

beforeAll(async () => {
  server = await startSeededServer();
  const { accounts } = server.store.admin;
  await accounts.create({ username: 'tinh.bc', password: 'tinh-bao-cao-2026', officeId: null }, 'test');
  await accounts.create({ username: 'xa.bc', password: 'xa-bao-cao-2026', officeId: OFFICE_A }, 'test');
  province = await adminSignIn(server.url, 'tinh.bc', 'tinh-bao-cao-2026');
  officeAdmin = await adminSignIn(server.url, 'xa.bc', 'xa-bao-cao-2026');
  await saveRecords(server.db.pool, RECORDS);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('console reports route', () => {
  it('gives a province admin the whole province, or one office, with the shared figures', async () => {
    const all = await report(province, `${MARCH}&by=officeId`);
    expect(all.status).toBe(200);
    expect(all.body.officeId).toBeNull();
    expect(all.body.total).toEqual(expected(RECORDS));
    expect(all.body.rows.map((r) => r.key).sort()).toEqual([OFFICE_A, OFFICE_B].sort());
    // Rows are named from the offices' documents.
    expect(all.body.rows.every((r) => r.name !== r.key)).toBe(true);
    expect(all.body.days).toHaveLength(31);
    // The charts' figures by sector come with rows of another dimension, and add up to the total.
    const sectorSum = all.body.sectors.reduce((n, r) => n + r.figures.toProcess, 0);
    expect(all.body.sectors.length).toBeGreaterThan(0);
    expect(sectorSum).toBe(all.body.total.toProcess);

    const b = await report(province, `${MARCH}&office=${OFFICE_B}`);
    expect(b.status).toBe(200);
    expect(b.body.total).toEqual(expected(RECORDS.filter((r) => r.officeId === OFFICE_B)));
  });

  it('keeps an office admin to their own office', async () => {
    const own = await report(officeAdmin, `${MARCH}&by=sectorId`);
    expect(own.status).toBe(200);
    expect(own.body.officeId).toBe(OFFICE_A);
    expect(own.body.officeName).not.toBeNull();
    expect(own.body.total).toEqual(expected(RECORDS.filter((r) => r.officeId === OFFICE_A)));
    const other = await report(officeAdmin, `${MARCH}&office=${OFFICE_B}`);
    expect(other.status).toBe(403);
    expect(other.body.message).toMatch(/own office/);
  });

  it('refuses bad queries with a 400 naming what is wrong, and no session with a 401', async () => {
    const cases: [string, RegExp][] = [
      ['from=2026-03-01', /to/],
      [`from=2026-02-30&to=2026-03-31`, /YYYY-MM-DD/],
      [`from=2026-03-31&to=2026-03-01`, /ends before it starts/],
      [`from=2025-01-01&to=2026-03-01`, /at most a year/],
      [`${MARCH}&by=colour`, /by/],
      [`${MARCH}&extra=1`, /extra/],
    ];
    for (const [query, message] of cases) {
      const res = await report(province, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toBe('bad_request');
      expect(res.body.message, query).toMatch(message);
    }
    expect((await adminCall(server.url, 'GET', `/reports/period?${MARCH}`)).status).toBe(401);
  });
});

describe('console storage route', () => {
  it('counts the scan files, their size and the uploads in progress, for province admins', async () => {
    const { scans } = server.store;
    await mkdir(scans.uploadsDir, { recursive: true });
    await writeFile(path.join(scans.dir, 'a'.repeat(64)), Buffer.alloc(1000));
    await writeFile(path.join(scans.dir, 'b'.repeat(64)), Buffer.alloc(24));
    await writeFile(path.join(scans.uploadsDir, 'upload-1'), Buffer.alloc(10));
    await writeFile(path.join(scans.uploadsDir, 'upload-1.json'), '{}');
    const res = await adminCall(server.url, 'GET', '/storage', { token: province });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ files: 2, bytes: 1024, uploads: 1 });
    expect((await adminCall(server.url, 'GET', '/storage', { token: officeAdmin })).status).toBe(403);
  });
});
