// The period report on the server (GET /reports/period) gives the figures the counter computes from
// its own replica with the same definitions (shared/reports), and a counter sees only its office.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier, DossierEvent } from '../../shared/domain';
import {
  dailyCounts,
  index766,
  periodBounds,
  periodReportBy,
  reportRecord,
  type Index766,
  type PeriodFigures,
} from '../../shared/reports';
import {
  aggregateDays,
  aggregateFigures,
  aggregateLosing,
  losingTotal,
} from '../../server/reports/aggregate';
import { saveRecords } from '../../server/reports/records';
import { ReportStore } from '../../server/reports/store';
import { MARCH as MARCH_RECORDS, MARCH_PERIOD } from '../support/report-fixtures';
import { DIGITISED_RECORDS } from '../support/digitisation-fixtures';
import { PATH_TO } from '../support/workflow-fixtures';
import { bearer } from '../../shared/sync/contract';
import {
  act,
  enrol,
  OFFICE_A,
  OFFICE_B,
  openCounter,
  startSeededServer,
  type SeededServer,
  type TestCounter,
} from './harness';

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
let server: SeededServer;
let counter: TestCounter;
let counterB: TestCounter;
let provinceToken: string;

async function report(
  token: string,
  query: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/reports/period?${query}`, {
    headers: { authorization: bearer(token) },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** What the counter's report screen computes: its replica's dossiers and events, shared definitions. */
async function counterFigures(c: TestCounter) {
  const dossiers = (await c.db.dossiers.find().exec()).map((d) => d.toMutableJSON() as unknown as Dossier);
  const events = (await c.db.dossier_events.find().exec()).map((e) => e.toMutableJSON() as DossierEvent);
  const records = dossiers.map((d) =>
    reportRecord(
      d,
      events.filter((e) => e.dossierId === d.id),
    ),
  );
  return periodReportBy(records, MARCH, 'sectorId', { asOf: Date.parse('2026-04-01T00:00:00+07:00') });
}

beforeAll(async () => {
  server = await startSeededServer();
  provinceToken = (await enrol(server, OFFICE_A, 'p1', 'province')).token;
  const a = await enrol(server, OFFICE_A, 'a1');
  counter = await openCounter(OFFICE_A, 'a1', a.token);
  const b = await enrol(server, OFFICE_B, 'b1');
  counterB = await openCounter(OFFICE_B, 'b1', b.token);
  // Office A: returned, sealed, refused, withdrawn, still open; office B: one received.
  for (const [i, status] of (['returned', 'sealed', 'refused', 'withdrawn', 'received'] as const).entries())
    await act(counter, `rep-a-${i}`, PATH_TO[status]);
  await act(counterB, 'rep-b-0', PATH_TO.received);
  for (const c of [counter, counterB]) {
    c.connect(server.url);
    await c.sync!.awaitInSync();
  }
}, 120_000);

afterAll(async () => {
  await counter?.close();
  await counterB?.close();
  await server?.close();
});

describe('period report on the server', () => {
  it("gives the counter's own figures for its office", async () => {
    const local = await counterFigures(counter);
    const { status, body } = await report(counter.token, `from=${MARCH.from}&to=${MARCH.to}&by=sectorId`);
    expect(status).toBe(200);
    expect(local.total.received.total).toBe(5);
    // The server judges an open period at its own clock; March 2026 is over, so both judge at its end.
    expect(body.total).toEqual(JSON.parse(JSON.stringify(local.total)) as PeriodFigures);
    const rows = body.rows as { key: string; figures: PeriodFigures }[];
    expect(rows.map((r) => r.key)).toEqual([...local.rows.keys()]);
  });

  it('gives the province any office or the whole province', async () => {
    const all = await report(provinceToken, `from=${MARCH.from}&to=${MARCH.to}`);
    expect((all.body.total as PeriodFigures).received.total).toBe(6);
    const onlyB = await report(provinceToken, `from=${MARCH.from}&to=${MARCH.to}&office=${OFFICE_B}`);
    expect((onlyB.body.total as PeriodFigures).received.total).toBe(1);
  });

  it("refuses another office's report to a counter, and bad periods with a reason", async () => {
    const other = await report(counter.token, `from=${MARCH.from}&to=${MARCH.to}&office=${OFFICE_B}`);
    expect(other.status).toBe(403);
    for (const query of [
      'from=2026-03-31&to=2026-03-01',
      'from=2026-02-30&to=2026-03-01',
      'from=2020-01-01&to=2026-01-01',
      'to=2026-03-01',
      `from=${MARCH.from}&to=${MARCH.to}&by=applicant`,
    ]) {
      const bad = await report(counter.token, query);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error).toBe('bad_request');
    }
  });
});

describe('province-wide reports in SQL (report_records)', () => {
  it('gives the figures, days and Index 766 of the shared definitions on the hand-counted month', async () => {
    // The fixture in an office of its own, so the counters' dossiers above stay out of it.
    const office = 'office-fixture';
    await saveRecords(
      server.db.pool,
      MARCH_RECORDS.map((r) => ({ ...r, officeId: office })),
    );
    for (const asOf of [Date.parse('2026-04-01T00:00:00+07:00'), Date.parse('2026-03-10T12:00:00+07:00')]) {
      const { start, end } = periodBounds(MARCH_PERIOD);
      const query = { start, end, judgedAt: Math.min(end, asOf), officeId: office };
      const expected = periodReportBy(MARCH_RECORDS, MARCH_PERIOD, 'sectorId', { asOf });
      const sql = await aggregateFigures(server.db.pool, query, 'sectorId');
      expect(sql.total).toEqual(expected.total);
      expect([...sql.rows]).toEqual([...expected.rows]);
      const days = await aggregateDays(
        server.db.pool,
        query,
        dailyCounts([], MARCH_PERIOD).map((d) => d.date),
      );
      expect(days).toEqual(dailyCounts(MARCH_RECORDS, MARCH_PERIOD));
      const losing = await aggregateLosing(server.db.pool, query, 1000);
      const shared = index766(expected.total, MARCH_RECORDS, MARCH_PERIOD, { asOf });
      expect(losing).toEqual(shared.losing);
      expect(losingTotal(sql.total)).toBe(shared.losingTotal);
    }
    await server.db.pool.query('DELETE FROM report_records WHERE office_id = $1', [office]);
  });

  it('counts the Index 766 digitisation of the hand-counted month as the shared definitions do', async () => {
    const office = 'office-digitised';
    await saveRecords(
      server.db.pool,
      DIGITISED_RECORDS.map((r) => ({ ...r, officeId: office })),
    );
    const { start, end } = periodBounds(MARCH_PERIOD);
    const query = { start, end, judgedAt: end, officeId: office };
    const sql = await aggregateFigures(server.db.pool, query, 'officeId');
    expect(sql.total.digitisation).toEqual({ componentsDigitised: 2, resultsIssued: 3, resultsDigitised: 1 });
    expect(sql.total).toEqual(periodReportBy(DIGITISED_RECORDS, MARCH_PERIOD, 'officeId').total);
    await server.db.pool.query('DELETE FROM report_records WHERE office_id = $1', [office]);
  });

  it('answers what the page-by-page path over the documents answers, Index 766 included', async () => {
    const store = new ReportStore(server.db.pool);
    const now = new Date('2026-04-02T00:00:00Z');
    for (const office of [OFFICE_A, null]) {
      const sql = await store.periodReport(MARCH, 'sectorId', office, now);
      const nodePath = await store.periodReportFromDocuments(MARCH, 'sectorId', office, now);
      expect(sql).toEqual(nodePath);
    }
    const { body } = await report(provinceToken, `from=${MARCH.from}&to=${MARCH.to}`);
    const index = body.index766 as Index766;
    expect(index.resolved).toBe((body.total as PeriodFigures).resolved.total);
    expect(index.losingTotal).toBe(index.losing.length);
  });
});
