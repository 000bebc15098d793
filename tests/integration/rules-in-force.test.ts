// The province's rules in force on a counter synced with the real server: a holiday the province
// loads moves the due dates the counter computes after its next sync; a new procedure version
// applies to dossiers received from its effective date and never to earlier ones; dossiers received
// before and from 1 July 2025 follow their own rule set, on the counter and as the server re-decides
// their events on push.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHolidaySchedules } from '../../shared/demo';
import type { Dossier, DossierEvent, Procedure } from '../../shared/domain';
import { procedureForDossier, ruleSetOf } from '../../shared/rules';
import { bearer, type PushResponse } from '../../shared/sync/contract';
import { computeEventHash } from '../../shared/workflow';
import { formAfterStep, formsOffered } from '../../renderer/features/printing';
import { enrol, eventually, OFFICE_A, startSeededServer, type SeededServer } from './harness';
import { openFullCounter, type FullCounter } from '../support/full-counter';
import { householdBusiness, requiredDocumentsOf } from '../support/procedure-fields';

const AT = '2026-01-01T00:00:00.000Z';
const doc = (id: string, name: string) => ({
  id,
  name,
  copyType: 'original' as const,
  count: 1,
  mandatory: true,
});

/** Household business registration: three working days, until the province publishes version 2. */
const HKD: Procedure = householdBusiness({
  sectorId: 'sector-civil',
  requiredDocuments: [doc('hkd-1', 'Giấy đề nghị đăng ký hộ kinh doanh')],
  updatedAt: AT,
});

const applicant = {
  kind: 'individual' as const,
  fullName: 'Nguyễn Văn An',
  idNumber: '034095001234',
  taxCode: '',
  phone: '0912345678',
  email: '',
  address: 'Xã Tân Phong, tỉnh Hưng Yên',
};

let server: SeededServer;
let counter: FullCounter;
let token: string;
const folder = mkdtempSync(path.join(tmpdir(), 'motcua-rules-'));

/** The province's documented command: `tsx server/cli.ts import --collection <c> --file <json>`. */
async function provinceImports(collection: string, docs: unknown[]): Promise<void> {
  const file = path.join(folder, `${collection}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(docs));
  const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const { stdout } = await promisify(execFile)(
    tsx,
    ['server/cli.ts', 'import', '--collection', collection, '--file', file],
    { env: { ...process.env, DATABASE_URL: server.pgUrl } },
  );
  expect(stdout).toContain(`${docs.length} written`);
}

/** A complete intake at the counter, as the intake screen records it (the app's intake service). */
async function receive(procedureId: string, receivedAt: string): Promise<Dossier> {
  const procedure = (await counter.intake.listProcedures()).find((p) => p.id === procedureId)!;
  return counter.intake.receive(
    {
      procedure,
      applicant,
      documents: requiredDocumentsOf(procedure),
      receivedAt,
      result: { outcome: 'received' },
    },
    await counter.sessionAs('receiver'),
  );
}

const stored = async (id: string) => (await counter.repo.getDossier(id))!;
const onServer = async (id: string): Promise<Dossier | undefined> =>
  (await server.store.replication.fingerprint('dossiers', OFFICE_A))
    .map((j) => JSON.parse(j) as Dossier)
    .find((d) => d.id === id);

beforeAll(async () => {
  server = await startSeededServer();
  const res = await server.store.catalogue.upsertCatalogue(
    'procedures',
    [{ ...HKD, _deleted: false }],
    'seed',
  );
  expect(res.rejected).toEqual([]);
  const enrolled = await enrol(server, OFFICE_A, 'a1');
  token = enrolled.token;
  counter = await openFullCounter({
    url: server.url,
    token,
    deviceId: enrolled.deviceId,
    office: OFFICE_A,
    counterId: 'a1',
    agencyCode: '000.00.01.H56',
    slot: 0,
  });
  await eventually(
    async () =>
      (await counter.repo.getProcedure(HKD.id)) !== null && (await counter.db.offices.count().exec()) > 0,
    Boolean,
  );
});

afterAll(async () => {
  await counter?.close();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('holiday schedules synced from the province', () => {
  it('a holiday the province loads moves the due dates the counter computes after its next sync', async () => {
    // Monday 11 May 2026, 08:00 in Vietnam: three working days run to Thursday 14, 08:00.
    const receivedAt = '2026-05-11T01:00:00.000Z';
    const before = await receive(HKD.id, receivedAt);
    expect(before.dueAt).toBe('2026-05-14T01:00:00.000Z');

    const shipped = demoHolidaySchedules().find((s) => s.year === 2026)!;
    await provinceImports('holidays', [
      {
        ...shipped,
        daysOff: [...shipped.daysOff, { date: '2026-05-12', name: 'Nghỉ theo quyết định của tỉnh' }],
        updatedAt: new Date().toISOString(),
      },
    ]);
    await eventually(
      async () => counter.calendar.current().isWorkingDay('2026-05-12'),
      (working) => !working,
    );

    const after = await receive(HKD.id, receivedAt);
    expect(after.dueAt).toBe('2026-05-15T01:00:00.000Z');
    // A due date already given stays as the receipt (form 01) says.
    expect((await stored(before.id)).dueAt).toBe('2026-05-14T01:00:00.000Z');
  });
});

describe('procedure versions published by the province', () => {
  it('leave earlier dossiers as received; a dossier received from the effective date uses the new version', async () => {
    const earlier = await receive(HKD.id, '2026-03-02T01:00:00.000Z'); // Monday 2 March
    expect(earlier).toMatchObject({ procedureVersion: 1, dueAt: '2026-03-05T01:00:00.000Z' });

    // Version 2 from Monday 9 March 2026: five working days and one more document.
    await provinceImports('procedures', [
      {
        ...HKD,
        versions: [
          {
            version: 2,
            effectiveFrom: '2026-03-09',
            legalTime: { unit: 'working_days', value: 5 },
            fees: [{ label: 'Lệ phí', amountVnd: 150_000 }],
            requiredDocuments: [...HKD.requiredDocuments, doc('hkd-2', 'Hợp đồng thuê địa điểm')],
            basis: 'Quyết định 05/2026/QĐ-UBND',
          },
        ],
        updatedAt: new Date().toISOString(),
      },
    ]);
    const procedure = await eventually(
      async () => (await counter.repo.getProcedure(HKD.id))!,
      (p) => (p.versions?.length ?? 0) === 1,
    );

    const lastDayBefore = await receive(HKD.id, '2026-03-06T01:00:00.000Z'); // Friday 6 March
    expect(lastDayBefore).toMatchObject({ procedureVersion: 1, dueAt: '2026-03-11T01:00:00.000Z' });
    const firstDay = await receive(HKD.id, '2026-03-09T01:00:00.000Z'); // Monday 9 March
    expect(firstDay).toMatchObject({ procedureVersion: 2, dueAt: '2026-03-16T01:00:00.000Z' });
    expect(firstDay.documents.map((d) => d.documentId)).toEqual(['hkd-1', 'hkd-2']);

    // The earlier dossier keeps its due date and version; a restart of its clock uses its version.
    expect(await stored(earlier.id)).toMatchObject({
      procedureVersion: 1,
      dueAt: '2026-03-05T01:00:00.000Z',
    });
    const asRecorded = procedureForDossier(procedure, earlier);
    expect(asRecorded.legalTime).toEqual({ unit: 'working_days', value: 3 });
    expect(counter.steps.computeDueAt('2026-03-10T01:00:00.000Z', asRecorded)).toBe(
      '2026-03-13T01:00:00.000Z',
    );

    // The server holds what the counter recorded.
    for (const [d, version] of [
      [earlier, 1],
      [firstDay, 2],
    ] as const) {
      const held = await eventually(() => onServer(d.id), Boolean);
      expect(held).toMatchObject({ procedureVersion: version, dueAt: d.dueAt });
    }
  });
});

describe('rule set by receipt date (Decree 61/2018 until 30 June 2025, Decree 118/2025 from 1 July)', () => {
  const hour = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();

  /** Supplement round: appraisal asks (within its window), the receiver takes the documents in. */
  async function supplementRound(dossier: Dossier): Promise<Dossier> {
    const asked = await counter.steps.apply(
      dossier,
      {
        type: 'request_supplement',
        documents: [{ name: 'Hợp đồng thuê địa điểm', action: 'add' }],
        reason: 'Thiếu hợp đồng thuê',
        withinDeadline: counter.steps.supplementInTime(dossier, hour(dossier.receivedAt, 1)),
      },
      await counter.sessionAs('appraiser'),
    );
    const restart = hour(dossier.receivedAt, 2);
    const procedure = procedureForDossier((await counter.repo.getProcedure(HKD.id))!, asked);
    return counter.steps.apply(
      asked,
      {
        type: 'supplement_received',
        clockStartAt: restart,
        dueAt: counter.steps.computeDueAt(restart, procedure),
      },
      await counter.sessionAs('receiver'),
    );
  }

  it.each([
    ['30 June 2025, 23:59 in Vietnam', '2025-06-30T16:59:00.000Z', '2018', false],
    ['1 July 2025, 00:00 in Vietnam', '2025-06-30T17:00:00.000Z', '2025', true],
  ])('a dossier received %s (%s) follows rule set %s', async (_, receivedAt, ruleSet, stopNotice) => {
    const received = await receive(HKD.id, receivedAt);
    expect(ruleSetOf(received).id).toBe(ruleSet);
    const restarted = await supplementRound(received);
    expect(restarted.clockRestarts).toBe(ruleSetOf(received).maxClockRestarts);
    // Asked once, completely: no second supplement, at the counter...
    expect(counter.steps.commandsFor(restarted, 'appraiser')).not.toContain('request_supplement');
    await expect(
      counter.steps.apply(
        restarted,
        {
          type: 'request_supplement',
          documents: [{ name: 'Bản vẽ', action: 'add' }],
          reason: 'Thiếu',
          withinDeadline: true,
        },
        await counter.sessionAs('appraiser'),
      ),
    ).rejects.toThrow('workflow.supplement_limit_reached');

    // ...nor on the server, which re-decides a pushed event under the dossier's own rule set.
    const events = await eventually(
      async () =>
        (await server.store.replication.fingerprint('dossier_events', OFFICE_A))
          .map((j) => JSON.parse(j) as DossierEvent)
          .filter((e) => e.dossierId === received.id),
      (held) => held.length === 3,
    );
    const head = events.sort((a, b) => a.seq - b.seq)[2]!;
    const forgedBody: DossierEvent = {
      ...head,
      id: `forged-${received.id}`,
      seq: head.seq + 1,
      type: 'request_supplement',
      from: 'received',
      to: 'supplement_requested',
      actorId: `${OFFICE_A}-appraiser`,
      actorName: 'Cán bộ appraiser',
      actorRole: 'appraiser',
      payload: {
        documents: [{ name: 'Bản vẽ', action: 'add', note: '' }],
        reason: 'Thiếu',
        withinDeadline: true,
        changes: { status: 'supplement_requested', assigneeRole: 'receiver' },
      },
      prevHash: head.hash,
      hash: '',
    };
    const forged = { ...forgedBody, hash: computeEventHash(forgedBody) };
    const res = await fetch(`${server.url}/sync/dossier_events/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(token) },
      body: JSON.stringify({
        rows: [{ newDocumentState: { ...forged, _deleted: false }, assumedMasterState: null }],
      }),
    });
    const refused = ((await res.json()) as PushResponse).rejected;
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ id: forged.id, reason: 'history_invalid' });
    // The server names the rule set it decided under (the dossier's, by its receipt date).
    expect(refused[0]!.detail).toContain(`Under rule set ${ruleSet} a supplement may restart the clock`);

    // The stop-processing notice: a form of Decree 118/2025 only.
    const stopped = await counter.steps.apply(
      restarted,
      { type: 'stop', reason: 'Người nộp đề nghị dừng' },
      await counter.sessionAs('supervisor'),
    );
    expect(formsOffered(stopped, 'vi').some((f) => f.kind === 'stop')).toBe(stopNotice);
    expect(formAfterStep('stop', stopped)).toBe(stopNotice ? 'stop' : undefined);
    expect(
      await eventually(
        () => onServer(received.id),
        (d) => d?.status === 'stopped',
      ),
    ).toBeTruthy();
  });
});
