// The counter's report records follow every change: a step taken at this counter and events pulled
// from another counter of the office change the next report's figures without rebuilding the
// records, and the figures equal those folded from every event as the report once read them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateVn } from '../../shared/codes/dossier-code';
import type { Dossier } from '../../shared/domain';
import { periodReportBy, reportRecord } from '../../shared/reports';
import type { Platform } from '../../renderer/platform';
import { createReportService } from '../../renderer/features/reports/replica-service';
import type { ReportView } from '../../renderer/features/reports/service';
import { eventually, OFFICE_A } from './harness';
import { openFullCounter, type FullCounter } from '../support/full-counter';
import { record, stored, useHostileServer } from '../support/hostile';
import { PATH_TO } from '../support/workflow-fixtures';
import { requiredDocumentsOf } from '../support/procedure-fields';

/** From the pushed dossiers' month (their events are dated March 2026) to today (this counter's steps). */
const PERIOD = { from: '2026-03-01', to: localDateVn(new Date().toISOString()) };
const server = useHostileServer();
let counter: FullCounter;

beforeAll(async () => {
  counter = await openFullCounter({
    url: server().url,
    token: server().tokens.a2,
    deviceId: 'device-a2',
    office: OFFICE_A,
    counterId: 'a2',
    agencyCode: '000.00.01.H56',
    slot: 1,
  });
  await eventually(async () => counter.sessionAs('receiver').then(Boolean, () => false), Boolean);
  await eventually(async () => (await counter.intake.listProcedures()).length > 0, Boolean);
});

afterAll(async () => {
  await counter?.close();
});

/** The report screen's build (the platform is only for saving and printing, not used here). */
const report = (): Promise<ReportView> =>
  createReportService({
    replica: { directory: counter.repo, data: () => counter.repo },
    platform: {} as Platform,
  }).build(PERIOD, 'officeId');

describe('report records kept in the replica', () => {
  it('change with a step at this counter and with events pulled from another, never rebuilt', async () => {
    const session = await counter.sessionAs('receiver');
    const procedure = (await counter.intake.listProcedures())[0]!;
    const dossier: Dossier = await counter.intake.receive(
      {
        procedure,
        applicant: {
          kind: 'individual',
          fullName: 'Trần Thị Bình',
          idNumber: '034095001235',
          taxCode: '',
          phone: '0912345679',
          email: '',
          address: 'Xã Tân Phong, tỉnh Hưng Yên',
        },
        documents: requiredDocumentsOf(procedure),
        receivedAt: new Date().toISOString(),
        result: { outcome: 'received' },
      },
      session,
    );
    expect((await report()).total.received.total).toBe(1);
    const rebuilt = counter.repo.reportRecords.stats().rebuilds;

    // A step at this counter.
    await counter.steps.apply(dossier, { type: 'withdraw', reason: 'Công dân rút hồ sơ' }, session);
    expect((await report()).total.withdrawn).toBe(1);

    // Another counter of the office receives a dossier, then withdraws it: pulled here.
    const elsewhere = record('pulled-1', PATH_TO.received);
    await stored(server(), server().tokens.a1, elsewhere);
    await eventually(
      async () => (await report()).total.received.total,
      (n) => n === 2,
    );
    await stored(
      server(),
      server().tokens.a1,
      record('pulled-1', [['withdraw', 'receiver']], {}, elsewhere.dossier),
    );
    const after = await eventually(report, (view) => view.total.withdrawn === 2);

    expect(counter.repo.reportRecords.stats().rebuilds).toBe(rebuilt);
    // The figures folded from every event, as the report once computed them.
    const data = counter.repo;
    const events = await data.eventsByDossier();
    const folded = (
      await data.listReceivedBetween(
        '2000-01-01T00:00:00.000Z',
        new Date(Date.now() + 86_400_000).toISOString(),
        10_000,
      )
    ).map((d) => reportRecord(d, events.get(d.id) ?? []));
    const expected = periodReportBy(folded, PERIOD, 'officeId', { asOf: Date.parse(after.builtAt) });
    expect(after.total).toEqual(expected.total);
  });
});
