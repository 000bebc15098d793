// Numbering that never repeats when a counter's state is copied, a lease answer is lost, or a PC
// numbered before it was enrolled: real PostgreSQL and HTTP routes, the counter app's replica and
// repository, its enrolment (adoptNumbering), lease keeper (CodeLeaser) and backup service.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CounterRepository } from '../../renderer/db';
import { adoptNumbering } from '../../renderer/features/sync/connect';
import { enrolDevice, SyncClient } from '../../renderer/features/sync/client';
import { CodeLeaser } from '../../renderer/features/sync/leases';
import {
  applyLease,
  codeLeaseSchema,
  DEFAULT_CODE_LAYOUT,
  fallbackRange,
  initCounterCodeState,
  localDateVn,
  parseDossierCode,
  reserve,
  type CodeLease,
} from '../../shared/codes';
import { DEMO_OFFICE_ID } from '../../shared/demo/office';
import { bearer, type EnrolResponse } from '../../shared/sync/contract';
import { actor, receiveCommand } from '../support/db-fixtures';
import { officeDoc, openCounterPc, UsbStick, type CounterPc } from '../support/counter-pcs';
import {
  act,
  eventually,
  OFFICE_A,
  openCounter,
  receiveSteps,
  startSeededServer,
  type SeededServer,
  type TestCounter,
} from './harness';

const AGENCY_A = '000.00.01.H56';
const OFFICE = officeDoc(OFFICE_A, AGENCY_A);
const PASSPHRASE = 'sao-luu-quay-so-1';

let server: SeededServer;
let provinceToken: string;
const opened: { close(): Promise<unknown> }[] = [];

beforeAll(async () => {
  server = await startSeededServer();
  const { code } = await server.store.devices.issueEnrolCode(OFFICE_A, 'province', 60);
  provinceToken = (await enrolDevice(server.url, { code, counterId: 'p1', deviceName: 'province' })).token;
});
afterEach(async () => {
  for (const c of opened.splice(0).reverse()) await c.close();
});
afterAll(async () => {
  await server?.close();
});

async function open(name: string, stick = new UsbStick()): Promise<CounterPc> {
  const pc = await openCounterPc(name, OFFICE, stick);
  opened.push(pc);
  return pc;
}
async function close(pc: CounterPc): Promise<void> {
  opened.splice(opened.indexOf(pc), 1);
  await pc.close();
}

/** Enrols a PC for `counterId` of office A with a code from the province's admin route. */
async function enrolAs(repo: CounterRepository, counterId: string): Promise<EnrolResponse> {
  const res = await fetch(`${server.url}/admin/enrol-codes`, {
    method: 'POST',
    headers: { authorization: bearer(provinceToken), 'content-type': 'application/json' },
    body: JSON.stringify({ officeId: OFFICE_A, counterId }),
  });
  const { code } = (await res.json()) as { code: string };
  const enrolled = await enrolDevice(server.url, { code, counterId, deviceName: `PC ${counterId}` });
  await adoptNumbering(repo, enrolled);
  return enrolled;
}

function leaserFor(repo: CounterRepository, token: string, fetchFn?: typeof fetch): CodeLeaser {
  const client = new SyncClient({
    serverUrl: server.url,
    token,
    collections: {},
    live: false,
    ...(fetchFn ? { fetch: fetchFn } : {}),
  });
  return new CodeLeaser({
    repo,
    requestLease: (r) => client.requestLease(r),
    requestSlot: (r) => client.requestSlot(r),
  });
}

let dossiers = 0;
/** Receives `n` dossiers at the counter now: each takes the next code, then is recorded with it. */
async function receive(repo: CounterRepository, n: number): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < n; i++) {
    const receivedAt = new Date().toISOString();
    const code = await repo.issueCode(receivedAt);
    const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const command = {
      ...receiveCommand(`copies-${++dossiers}`, { code, receivedAt, dueAt }),
      officeId: OFFICE_A,
    };
    const res = await repo.applyStep(command, { ...actor('receiver'), officeId: OFFICE_A });
    if (!res.ok) throw new Error(`receive: ${JSON.stringify(res)}`);
    codes.push(code);
  }
  return codes;
}

const seqOf = (code: string) => parseDossierCode(code)!.seq;
const inSlot = (code: string, slot: number) => {
  const range = fallbackRange(DEFAULT_CODE_LAYOUT, slot);
  return seqOf(code) >= range.from && seqOf(code) <= range.to;
};
const tomorrowIso = () => new Date(Date.now() + 86_400_000).toISOString();

/** Pushes dossiers numbered `codes` from a counter enrolled as `res`; answers how many the server holds. */
async function pushAll(batches: [EnrolResponse, string[]][], prefix: string): Promise<number> {
  const counters: TestCounter[] = [];
  for (const [res, codes] of batches) {
    const counter = await openCounter(OFFICE_A, res.counterId, res.token);
    opened.push(counter);
    counters.push(counter);
    for (const [i, code] of codes.entries())
      await act(counter, `${prefix}-${res.deviceId}-${i}`, receiveSteps, { code });
  }
  for (const c of counters) c.connect(server.url);
  const total = batches.reduce((n, [, codes]) => n + codes.length, 0);
  const held = () =>
    server.store.pool
      .query<{ n: number }>(
        `SELECT count(*)::int AS n FROM documents WHERE collection = 'dossiers' AND id LIKE $1`,
        [`${prefix}-%`],
      )
      .then((r) => r.rows[0]!.n);
  const n = await eventually(held, (v) => v === total, 60_000);
  for (const c of counters) await c.sync!.awaitInSync();
  for (const c of counters) expect(c.sync!.snapshot.rejected).toEqual([]);
  return n;
}

describe('a restored backup or a copied profile never re-issues a number', () => {
  it('PC B restores PC A’s backup: it numbers nothing A issued after the backup or will issue', async () => {
    const stick = new UsbStick();
    const a = await open('restore-a', stick);
    const enrolledA = await enrolAs(a.repo, 'a1');
    // Web mode keeps its credential in the replica's settings; a backup must not carry it.
    await a.repo.setSetting('sync.connection', { serverUrl: server.url, token: enrolledA.token });
    const leaserA = leaserFor(a.repo, enrolledA.token);
    const beforeBackup = await receive(a.repo, 3); // offline: A's own slot
    await leaserA.topUp();
    beforeBackup.push(...(await receive(a.repo, 3))); // leased
    await a.backup.export(PASSPHRASE, a.session, () => undefined);
    expect(stick.file).not.toBeNull();
    // A keeps working: the rest of its lease, then its own slot again.
    const afterBackup = await receive(a.repo, 20);
    expect(afterBackup.filter((c) => inSlot(c, enrolledA.slot!))).toHaveLength(3);
    await close(a);

    const b = await open('restore-b', stick);
    const picked = await b.backup.pick();
    const backup = await b.backup.open(picked!, PASSPHRASE, b.session);
    await b.backup.restore(backup, b.session, () => undefined);
    expect(await b.repo.getSetting('sync.connection')).toBeNull();
    const restored = (await b.repo.readCodeState())!;
    expect(restored).toMatchObject({ slot: enrolledA.slot, leases: [], needsSlot: true });
    // A's slot may be in use on A, today and any later day: B numbers nothing from it.
    await expect(b.repo.issueCode(new Date().toISOString())).rejects.toThrow('codes.needs_sync');
    expect(reserve(restored, tomorrowIso(), restored.deviceId)).toEqual({
      ok: false,
      error: 'codes.needs_sync',
    });
    // B enrols as itself (another counter): a slot of its own, and fresh leases.
    const enrolledB = await enrolAs(b.repo, 'a2');
    expect(enrolledB.slot).not.toBe(enrolledA.slot);
    const fromB = await receive(b.repo, 4); // offline: B's own slot
    expect(fromB.every((c) => inSlot(c, enrolledB.slot!))).toBe(true);
    await leaserFor(b.repo, enrolledB.token).topUp();
    fromB.push(...(await receive(b.repo, 25)));
    await close(b);

    // A goes on numbering as if nothing happened elsewhere.
    const a2 = await open('restore-a', stick);
    const later = await receive(a2.repo, 4);
    await leaserFor(a2.repo, enrolledA.token).topUp();
    later.push(...(await receive(a2.repo, 10)));
    await close(a2);

    const fromA = [...beforeBackup, ...afterBackup, ...later];
    const all = [...fromA, ...fromB];
    expect(new Set(all).size).toBe(all.length);
    expect(fromB.some((c) => fromA.includes(c))).toBe(false);
    // The server takes every dossier of both PCs: no duplicate code among them.
    expect(
      await pushAll(
        [
          [enrolledA, fromA],
          [enrolledB, fromB],
        ],
        'restore',
      ),
    ).toBe(all.length);
  });

  it('a copy restored with the same credential gets a slot of its own from the server', async () => {
    const stick = new UsbStick();
    const c = await open('copy-c', stick);
    const enrolled = await enrolAs(c.repo, 'a1');
    const fromC = await receive(c.repo, 2);
    await c.backup.export(PASSPHRASE, c.session, () => undefined);
    fromC.push(...(await receive(c.repo, 2)));
    const stateC = (await c.repo.readCodeState())!;
    await close(c);

    const d = await open('copy-d', stick);
    await d.backup.restore(
      await d.backup.open((await d.backup.pick())!, PASSPHRASE, d.session),
      d.session,
      () => undefined,
    );
    // The same device credential (a copied browser profile holds it): the lease keeper asks for a
    // slot for the restored state's new epoch, then leases.
    await leaserFor(d.repo, enrolled.token).topUp();
    const copy = (await d.repo.readCodeState())!;
    expect(copy.needsSlot).toBe(false);
    expect(copy.slot).not.toBe(enrolled.slot);
    const fromD = await receive(d.repo, 5);
    // Tomorrow, offline once its leases are used up: C numbers from its slot, the copy from its own.
    const tomorrowC = reserve({ ...stateC, leases: [] }, tomorrowIso(), stateC.deviceId);
    const tomorrowD = reserve({ ...copy, leases: [] }, tomorrowIso(), copy.deviceId);
    expect(tomorrowC.ok && inSlot(tomorrowC.code, enrolled.slot!)).toBe(true);
    expect(tomorrowD.ok && inSlot(tomorrowD.code, copy.slot)).toBe(true);
    expect(new Set([...fromC, ...fromD]).size).toBe(fromC.length + fromD.length);
    await close(d);
  });

  it('a profile copied behind the app’s back is caught by the generation the server echoes', async () => {
    const original = await open('clone-e');
    const enrolled = await enrolAs(original.repo, 'a2');
    const copied = (await original.repo.readCodeState())!;
    const fromOriginal = await receive(original.repo, 3);
    await leaserFor(original.repo, enrolled.token).topUp();
    fromOriginal.push(...(await receive(original.repo, 3)));
    await close(original);

    // Same state, same credential, another machine.
    const clone = await open('clone-f');
    await clone.repo.initCodeState(copied);
    const leaser = leaserFor(clone.repo, enrolled.token);
    await leaser.topUp(); // the server has seen a higher generation: the clone marks itself restored
    expect((await clone.repo.readCodeState())!.needsSlot).toBe(true);
    await expect(clone.repo.issueCode(tomorrowIso())).rejects.toThrow('codes.needs_sync');
    await leaser.topUp(true); // then takes a slot of its own and leases
    const state = (await clone.repo.readCodeState())!;
    expect(state.needsSlot).toBe(false);
    expect(state.slot).not.toBe(enrolled.slot);
    const fromClone = await receive(clone.repo, 5);
    expect(fromClone.some((code) => fromOriginal.includes(code))).toBe(false);
    await close(clone);
  });
});

describe('a lease lost in transit leaves a gap, never a duplicate', () => {
  it('the counter asks again and gets a new block; nobody ever issues the lost one', async () => {
    const pc = await open('lost-lease');
    const enrolled = await enrolAs(pc.repo, 'a1');
    // The network drops the first lease answer after the server has granted it.
    let lost: CodeLease | null = null;
    const lossy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (lost === null && String(input).endsWith('/codes/lease') && res.ok) {
        lost = codeLeaseSchema.parse(((await res.json()) as { lease: unknown }).lease);
        throw new TypeError('fetch failed: connection reset');
      }
      return res;
    };
    const leaser = leaserFor(pc.repo, enrolled.token, lossy);
    await leaser.topUp();
    expect(lost).not.toBeNull();
    const gap = lost!;
    expect((await pc.repo.readCodeState())!.leases).toEqual([]);
    await leaser.topUp(true); // the link is back: asks again
    const state = (await pc.repo.readCodeState())!;
    const today = state.leases.filter((b) => b.date === gap.date);
    expect(today.length).toBe(1);
    expect(today[0]!.from).toBeGreaterThan(gap.to);
    // The lost answer arriving late is refused: it lies below a block already applied.
    const late = applyLease(state, gap, new Date().toISOString());
    expect(late).toMatchObject({ ok: true, applied: false });

    const mine = await receive(pc.repo, 20);
    await close(pc);
    const other = await open('lost-lease-other');
    const enrolledOther = await enrolAs(other.repo, 'a2');
    await leaserFor(other.repo, enrolledOther.token).topUp();
    const theirs = await receive(other.repo, 20);
    await close(other);
    const issued = [...mine, ...theirs].filter((c) => parseDossierCode(c)!.date === gap.date).map(seqOf);
    expect(issued.filter((seq) => seq >= gap.from && seq <= gap.to)).toEqual([]);
    expect(new Set([...mine, ...theirs]).size).toBe(40);
    const mark = await server.store.pool.query<{ state: { leased: Record<string, number> } }>(
      'SELECT state FROM code_lease_state WHERE office_id = $1',
      [OFFICE_A],
    );
    expect(mark.rows[0]!.state.leased[localDateVn(new Date().toISOString())]).toBeGreaterThan(gap.to);
  });
});

describe('numbering before enrolment', () => {
  const localState = (officeId: string, agencyCode: string) =>
    initCounterCodeState({
      officeId,
      counterId: 'quay-1',
      agencyCode,
      deviceId: 'this-pc',
      slot: 0,
      layout: DEFAULT_CODE_LAYOUT,
      epoch: crypto.randomUUID(),
      fallbackClosedThrough: null,
      slotFrom: 'local',
    });

  it('a real office’s counter issues no code before it enrols; two enrolled counters never collide', async () => {
    const batches: [EnrolResponse, string[]][] = [];
    for (const [name, counterId] of [
      ['early-1', 'a1'],
      ['early-2', 'a2'],
    ] as const) {
      const pc = await open(name);
      // Both PCs would choose slot 0 by themselves: refused for a real office.
      await pc.repo.initCodeState(localState(OFFICE_A, AGENCY_A));
      await expect(pc.repo.issueCode(new Date().toISOString())).rejects.toThrow('codes.not_enrolled');
      const enrolled = await enrolAs(pc.repo, counterId);
      batches.push([enrolled, await receive(pc.repo, 10)]);
      await close(pc);
    }
    const all = batches.flatMap(([, codes]) => codes);
    expect(new Set(all).size).toBe(20);
    expect(await pushAll(batches, 'early')).toBe(20);
    const refused = await server.store.pool.query(
      `SELECT 1 FROM conflicts WHERE office_id = $1 AND kind = 'duplicate_code'`,
      [OFFICE_A],
    );
    expect(refused.rowCount).toBe(0);
  });

  it('the demo office numbers from the slot the app chose (it never syncs with a real office)', async () => {
    const pc = await open('demo-local');
    await pc.repo.initCodeState(localState(DEMO_OFFICE_ID, '000.17.22.H56'));
    const code = await pc.repo.issueCode(new Date().toISOString());
    expect(seqOf(code)).toBe(DEFAULT_CODE_LAYOUT.fallbackFrom);
    await close(pc);
  });
});
