import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createCounterDatabase, createCounterRepository, type CounterRepository } from '.';
import { initCounterCodeState, DEFAULT_CODE_LAYOUT } from '../../shared/codes';
import type { CounterDatabase } from '.';
import { actor, receiveCommand, OFFICE_ID, COUNTER_ID, TEST_KEY } from '../../tests/support/db-fixtures';

const NOW = new Date('2026-03-04T03:00:00.000Z'); // 10:00 Vietnam time, Wednesday
let db: CounterDatabase;
let repo: CounterRepository;

const memoryStorage = getRxStorageMemory();
async function open(): Promise<void> {
  db = await createCounterDatabase({
    name: `r${Date.now()}${Math.random().toString(36).slice(2, 6)}`,
    storage: memoryStorage,
    key: TEST_KEY,
  });
  repo = await createCounterRepository(db, { now: () => NOW });
}
afterEach(async () => {
  await repo?.close();
  await db?.close();
});

async function receive(id: string, opts: Parameters<typeof receiveCommand>[1] = {}) {
  const res = await repo.applyStep(
    receiveCommand(id, opts),
    actor('receiver'),
    opts.receivedAt ?? '2026-03-02T02:00:00.000Z',
  );
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return res;
}

describe('queries', () => {
  it('finds dossiers by code, ID number, phone and name without diacritics', async () => {
    await open();
    await receive('d1', {
      fullName: 'Nguyễn Văn An',
      code: '000.17.22.H56-260302-0001',
      idNumber: '034095001234',
      phone: '0912345678',
    });
    await receive('d2', {
      fullName: 'Trần Thị Bích',
      code: '000.17.22.H56-260302-0002',
      idNumber: '034095009999',
      phone: '0987654321',
    });
    await receive('d3', {
      fullName: 'Đặng Văn Anh',
      code: '000.17.22.H56-260302-0003',
      idNumber: '034095005555',
      phone: '0355555555',
    });

    expect((await repo.findByCode('000.17.22.h56-260302-0002'))?.id).toBe('d2');
    expect(await repo.findByCode('000.17.22.H56-260302-0009')).toBeNull();
    expect((await repo.findByIdNumber('034 095 001 234')).map((d) => d.id)).toEqual(['d1']);
    expect((await repo.findByPhone('+84 987 654 321')).map((d) => d.id)).toEqual(['d2']);
    // Exact only: the stored blind index cannot answer a prefix.
    expect(await repo.findByIdNumber('034095')).toEqual([]);
    expect(await repo.findByPhone('0912')).toEqual([]);
    expect((await repo.lookup('034095009999')).map((d) => d.id)).toEqual(['d2']);

    const cases: [string, string[]][] = [
      ['nguyen van an', ['d1']],
      ['NGUYEN VAN', ['d1']],
      ['Nguyễn', ['d1']],
      ['dang van', ['d3']],
      ['đặng', ['d3']],
      ['an', ['d1', 'd3']], // given names 'an' and 'anh'
      ['bich', ['d2']], // given name
      ['tran thi bich x', []],
      ['le', []],
    ];
    for (const [text, ids] of cases) {
      expect((await repo.searchByName(text)).map((d) => d.id).sort(), text).toEqual(ids);
    }
    expect((await repo.lookup('000.17.22.H56-260302-0003')).map((d) => d.id)).toEqual(['d3']);
    expect((await repo.lookup('0355.555.555')).map((d) => d.id)).toEqual(['d3']);
    expect((await repo.lookup('tran')).map((d) => d.id)).toEqual(['d2']);
  });

  it('lists a status queue ascending by due date with keyset pages over equal due times', async () => {
    await open();
    const due = [
      '2026-03-06T10:00:00.000Z',
      '2026-03-05T10:00:00.000Z',
      '2026-03-05T10:00:00.000Z',
      '2026-03-09T10:00:00.000Z',
      '2026-03-05T10:00:00.000Z',
    ];
    for (const [i, dueAt] of due.entries()) {
      await receive(`q${i}`, { code: `000.17.22.H56-260302-000${i + 1}`, dueAt });
    }
    const p1 = await repo.listQueue({ status: 'received', limit: 2 });
    const p2 = await repo.listQueue({ status: 'received', limit: 2, after: p1.next });
    const p3 = await repo.listQueue({ status: 'received', limit: 2, after: p2.next });
    const ids = [...p1.items, ...p2.items, ...p3.items].map((d) => d.id);
    expect(ids).toEqual(['q1', 'q2', 'q4', 'q0', 'q3']);
    expect(p3.next).toBeNull();
    expect((await repo.listQueue({ status: 'appraised' })).items).toEqual([]);
  });

  it("lists and counts today's dossiers by Vietnam-local day", async () => {
    await open(); // now = 2026-03-04 10:00 in Vietnam
    await receive('t1', { code: '000.17.22.H56-260303-0001', receivedAt: '2026-03-03T16:59:00.000Z' }); // 23:59 on the 3rd
    await receive('t2', { code: '000.17.22.H56-260304-0001', receivedAt: '2026-03-03T17:00:00.000Z' }); // 00:00 on the 4th
    await receive('t3', { code: '000.17.22.H56-260304-0002', receivedAt: '2026-03-04T02:00:00.000Z' });
    expect((await repo.listReceivedToday()).map((d) => d.id)).toEqual(['t2', 't3']);
    expect(await repo.countReceivedToday()).toBe(2);
  });
});

describe('queue counts', () => {
  it('stay right across steps and match a full recount', async () => {
    await open();
    await receive('c1', { code: '000.17.22.H56-260302-0001', dueAt: '2026-03-03T10:00:00.000Z' }); // overdue
    await receive('c2', { code: '000.17.22.H56-260302-0002', dueAt: '2026-03-04T01:00:00.000Z' }); // today, past
    await receive('c3', { code: '000.17.22.H56-260302-0003', dueAt: '2026-03-04T09:00:00.000Z' }); // today, later
    await receive('c4', { code: '000.17.22.H56-260302-0004', dueAt: '2026-03-06T09:00:00.000Z' }); // in 2 days
    await receive('c5', { code: '000.17.22.H56-260302-0005', dueAt: '2026-03-20T09:00:00.000Z' }); // later

    let counts = await repo.queueCounts();
    expect(counts.byStatus.received).toBe(5);
    expect(counts.overdueTotal).toBe(2);
    expect(counts.dueSoonTotal).toBe(2);

    const appraise = await repo.applyStep(
      {
        type: 'appraise',
        dossierId: 'c1',
        officeId: OFFICE_ID,
        checklist: [{ label: 'Đủ giấy tờ', ok: true }],
      },
      actor('appraiser'),
      NOW.toISOString(),
    );
    expect(appraise.ok).toBe(true);
    const refused = await repo.applyStep(
      { type: 'approve', dossierId: 'c2', officeId: OFFICE_ID },
      actor('approver'),
      NOW.toISOString(),
    );
    expect(refused.ok).toBe(false); // not appraised yet: nothing written

    counts = await repo.queueCounts();
    expect(counts.byStatus.received).toBe(4);
    expect(counts.byStatus.appraised).toBe(1);
    expect(counts.overdue).toEqual({ received: 1, appraised: 1 });
    expect(counts.overdueTotal).toBe(2);

    const maintained = structuredClone(counts);
    await repo.rebuildCounts();
    expect(await repo.queueCounts()).toEqual(maintained);
    expect((await repo.listOverdue()).map((d) => d.id)).toEqual(['c1', 'c2']);
    expect((await repo.listDueSoon()).map((d) => d.id)).toEqual(['c3', 'c4']);
  });

  it('are rebuilt on open when dossiers changed after the saved counts', async () => {
    await open();
    await receive('s1');
    await repo.close();
    // A write the tracker never saw (as after a crash before the counts were saved).
    const doc = await db.dossiers.findOne('s1').exec();
    await doc!.incrementalPatch({ status: 'appraised' });
    const again = await createCounterRepository(db, { now: () => NOW });
    await again.countsReady();
    const counts = await again.queueCounts();
    expect(counts.byStatus.received).toBe(0);
    expect(counts.byStatus.appraised).toBe(1);
    await again.close();
  });
});

describe('steps and crash recovery', () => {
  it('writes the event and the dossier together; a crash between them is rolled forward on open', async () => {
    await open();
    await receive('r1');
    const events = await repo.eventsOf('r1');
    expect(events.map((e) => e.seq)).toEqual([1]);

    // Simulate a crash mid-step: the event of 'appraise' is written, the dossier is not.
    const { decide } = await import('../../shared/workflow');
    const current = await repo.getDossier('r1');
    const decided = decide(
      current,
      { type: 'appraise', dossierId: 'r1', officeId: OFFICE_ID, checklist: [{ label: 'ok', ok: true }] },
      actor('appraiser'),
      NOW.toISOString(),
    );
    if (!decided.ok) throw new Error('decide failed');
    await db.dossier_events.insert(structuredClone(decided.event));
    expect((await repo.getDossier('r1'))?.status).toBe('received'); // half-written before recovery
    await repo.close();

    const reopened = await createCounterRepository(db, { now: () => NOW });
    expect(reopened.recovered).toBe(1);
    const after = await reopened.dossierWithEvents('r1');
    expect(after?.dossier.status).toBe('appraised');
    expect(after?.dossier.eventCount).toBe(2);
    expect(after?.dossier.lastEventHash).toBe(decided.event.hash);
    expect(after?.events.map((e) => e.seq)).toEqual([1, 2]);
    await reopened.countsReady();
    expect((await reopened.queueCounts()).byStatus.appraised).toBe(1);
    // A clean reopen repairs nothing.
    await reopened.close();
    const third = await createCounterRepository(db, { now: () => NOW });
    expect(third.recovered).toBe(0);
    await third.close();
  });
});

describe('a step interrupted between its two writes', () => {
  it('is rolled forward on the next open (the dossier write never happened)', async () => {
    await open();
    await receive('k1');
    // The page dies after the event is stored and before the dossier is: the dossier write fails.
    db.dossiers.preSave(() => {
      throw new Error('killed');
    }, false);
    await expect(
      repo.applyStep(
        { type: 'appraise', dossierId: 'k1', officeId: OFFICE_ID, checklist: [{ label: 'ok', ok: true }] },
        actor('appraiser'),
        NOW.toISOString(),
      ),
    ).rejects.toThrow('killed');
    expect((await repo.getDossier('k1'))?.eventCount).toBe(1);
    expect((await repo.eventsOf('k1')).length).toBe(2); // the orphan event
    await repo.close();
    const name = db.name;
    await db.close();

    // A new start (new database object on the same storage).
    const { createCounterDatabase } = await import('.');
    db = await createCounterDatabase({ name, storage: memoryStorage, key: TEST_KEY });
    repo = await createCounterRepository(db, { now: () => NOW });
    expect(repo.recovered).toBe(1);
    const after = await repo.dossierWithEvents('k1');
    expect(after?.dossier.status).toBe('appraised');
    expect(after?.dossier.eventCount).toBe(2);
    await repo.countsReady();
    expect((await repo.queueCounts()).byStatus).toMatchObject({ received: 0, appraised: 1 });
  });
});

describe('dossier codes', () => {
  it('persists the allocator state before handing out a code, and never repeats one', async () => {
    await open();
    await repo.initCodeState(
      initCounterCodeState({
        officeId: OFFICE_ID,
        counterId: COUNTER_ID,
        agencyCode: '000.17.22.H56',
        deviceId: 'device-1',
        slot: 0,
        layout: DEFAULT_CODE_LAYOUT,
        epoch: 'epoch-1',
        fallbackClosedThrough: null,
      }),
    );
    const first = await repo.issueCode('2026-03-04T03:00:00.000Z');
    const saved = (await repo.getSetting<{ fallbackNext: Record<string, number> }>('codes.state'))!;
    expect(saved.fallbackNext['2026-03-04']).toBeGreaterThan(Number(first.slice(-4)));
    // A fresh repository (app restarted) continues after the persisted state.
    await repo.close();
    const again = await createCounterRepository(db, { now: () => NOW });
    const second = await again.issueCode('2026-03-04T03:00:00.000Z');
    expect(second).not.toBe(first);
    expect(first).toMatch(/^000\.17\.22\.H56-260304-\d{4}$/);
    await again.close();
  });
});
