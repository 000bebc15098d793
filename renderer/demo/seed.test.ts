import { afterEach, describe, expect, it } from 'vitest';
import { createCounterRepository, type CounterDatabase, type CounterRepository } from '../db';
import { DEMO_ACCOUNTS, DEMO_OFFICE, DEMO_PROCEDURES, seedDemoOffice } from '.';
import { createSessionStore, login } from '../auth';
import { createWorkCalendar, type HolidaySchedule } from '../../shared/calendar';
import { ROLES, type Role } from '../../shared/domain';
import { openMemoryDb } from '../../tests/support/db-fixtures';
import { procedureFields, requiredDocumentsOf } from '../../tests/support/procedure-fields';

let db: CounterDatabase;
let repo: CounterRepository;
afterEach(async () => {
  await repo?.close();
  await db?.close();
});

describe('demo office', () => {
  it('has officers for every role whose documented passwords work', async () => {
    db = await openMemoryDb();
    repo = await createCounterRepository(db);
    await seedDemoOffice(repo, { deviceId: 'device-demo' });
    await seedDemoOffice(repo, { deviceId: 'device-demo' }); // idempotent
    expect(await repo.getOffice()).toEqual(DEMO_OFFICE);
    expect((await repo.listProcedures()).length).toBe(DEMO_PROCEDURES.length);
    expect((await repo.listSectors()).length).toBe(6);
    const roles = new Set((await repo.listOfficers()).flatMap((o) => o.roles));
    expect([...roles].sort()).toEqual([...ROLES].sort());
    expect(
      (await repo.getSetting<HolidaySchedule[]>('calendar.holidaySchedules'))?.map((s) => s.year),
    ).toContain(2026);
    for (const account of DEMO_ACCOUNTS) {
      const res = await login(repo, account.username, account.password);
      expect(res.ok, account.username).toBe(true);
    }
    expect((await login(repo, 'tiepnhan', 'demo12345')).ok).toBe(false);
  }, 120_000);

  it('takes one dossier through the five steps, each attributed to the logged-in officer and role', async () => {
    db = await openMemoryDb();
    repo = await createCounterRepository(db, { now: () => new Date('2026-03-04T03:00:00.000Z') });
    await seedDemoOffice(repo, { deviceId: 'device-demo' });
    const office = (await repo.getOffice())!;
    const counter = (await repo.getCounter())!;
    const calendar = createWorkCalendar({
      schedules: (await repo.getSetting<HolidaySchedule[]>('calendar.holidaySchedules'))!,
    });
    const procedure = DEMO_PROCEDURES.find((p) => p.id === 'proc-cai-chinh')!;
    const officers = await repo.listOfficers();
    const session = createSessionStore();
    const as = (username: string, role: Role) => {
      session.start(
        officers.find((o) => o.username === username)!,
        role,
        office,
        counter.id,
      );
      return session.actor();
    };

    const receivedAt = '2026-03-04T03:00:00.000Z';
    const code = await repo.issueCode(receivedAt);
    const dueAt = calendar.computeDueAt(receivedAt, procedure.legalTime);
    const base = { dossierId: 'demo-d1', officeId: office.id };
    const steps: [string, Role, Record<string, unknown>][] = [
      [
        'tiepnhan',
        'receiver',
        {
          type: 'receive',
          counterId: counter.id,
          ...procedureFields(procedure),
          channel: 'counter',
          applicant: {
            kind: 'individual',
            fullName: 'Nguyễn Văn An',
            idNumber: '034095001234',
            taxCode: '',
            phone: '0912345678',
            email: '',
            address: 'Xã Tân Phong, huyện Vũ Thư',
          },
          documents: requiredDocumentsOf(procedure),
          receivedAt,
          code,
          clockStartAt: receivedAt,
          dueAt,
        },
      ],
      [
        'thamdinh',
        'appraiser',
        { type: 'appraise', checklist: [{ label: 'Đủ thành phần hồ sơ', ok: true }] },
      ],
      ['lanhdao', 'approver', { type: 'approve', comment: 'Đồng ý' }],
      [
        'dongdau',
        'sealer',
        {
          type: 'seal',
          result: {
            documentType: 'Trích lục cải chính hộ tịch',
            number: '15/TLCC',
            date: '2026-03-05',
            signer: 'Trần Văn Hùng',
          },
        },
      ],
      [
        'tiepnhan',
        'receiver',
        {
          type: 'return_result',
          collector: { name: 'Nguyễn Văn An', idNumber: '034095001234', relation: 'self' },
          returnedAt: '2026-03-05T08:00:00.000Z',
          rating: { level: 'very_satisfied', reason: '' },
          earliness: calendar.classifyReturn('2026-03-05T08:00:00.000Z', dueAt),
        },
      ],
    ];
    for (const [username, role, command] of steps) {
      const res = await repo.applyStep({ ...base, ...command }, as(username, role));
      expect(res.ok, `${username} ${String(command.type)} ${res.ok ? '' : JSON.stringify(res.error)}`).toBe(
        true,
      );
    }
    const found = await repo.findByCode(code);
    expect(found?.status).toBe('returned');
    const history = await repo.dossierWithEvents('demo-d1');
    expect(history?.events.map((e) => [e.actorId, e.actorRole])).toEqual([
      ['demo-officer-tiepnhan', 'receiver'],
      ['demo-officer-thamdinh', 'appraiser'],
      ['demo-officer-lanhdao', 'approver'],
      ['demo-officer-dongdau', 'sealer'],
      ['demo-officer-tiepnhan', 'receiver'],
    ]);
    const counts = await repo.queueCounts();
    expect(counts.byStatus.returned).toBe(1);
    expect(counts.byStatus.received).toBe(0);
    // The role is enforced by the workflow: a receiver cannot approve.
    const wrong = await repo.applyStep({ ...base, type: 'approve' }, as('tiepnhan', 'receiver'));
    expect(wrong.ok).toBe(false);
  }, 60_000);
});
