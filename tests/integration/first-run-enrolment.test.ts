// The first-run screen's "connect to the office" (renderer/features/sync/enrol-office.ts) against the
// real provincial server: the office comes down before any login, the numbering slot is adopted,
// every refusal has its reason, and a replica holding the demo office never joins another office.
import { describe, expect, it } from 'vitest';
import { createCounterRepository, createDirectoryRepository, SETTING_KEYS } from '../../renderer/db';
import { seedDemoOffice } from '../../renderer/demo';
import {
  directoryReady,
  enrolOffice,
  EnrolmentError,
  type EnrolFailure,
} from '../../renderer/features/sync/enrol-office';
import { SYNC_CONNECTION_SETTING } from '../../renderer/features/sync/connect';
import type { DirectoryProgress } from '../../renderer/features/sync/directory-pull';
import { openMemoryDb } from '../support/db-fixtures';
import { OFFICE_A } from './harness';
import { useSeededServer } from '../support/seeded-server';

const server = useSeededServer();

const counterCode = async (counterId = 'a2') =>
  (await server().store.devices.issueEnrolCode(OFFICE_A, 'counter', 60, counterId)).code;

async function refusal(promise: Promise<unknown>): Promise<EnrolFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof EnrolmentError)) throw new Error(`expected an EnrolmentError, got ${String(error)}`);
  return error.reason;
}

describe('first run: connecting a PC to its office', () => {
  it('brings the office down before any login, with progress, and numbers from its own slot', async () => {
    const db = await openMemoryDb();
    try {
      const directory = createDirectoryRepository(db);
      const seen: DirectoryProgress[] = [];
      const office = await enrolOffice(
        { directory, directoryDb: db, deviceName: 'PC quầy 2' },
        { serverUrl: `${server().url}/`, code: ` ${await counterCode()} ` },
        (p) => seen.push(p),
      );
      expect(office.id).toBe(OFFICE_A);
      expect(await directoryReady(directory)).toBe(true);
      expect((await directory.getCounter())?.id).toBe('a2');
      expect((await directory.listOfficers()).length).toBeGreaterThan(0);
      expect((await directory.listProcedures()).length).toBeGreaterThan(0);
      expect(await directory.getSetting(SETTING_KEYS.provisioning)).toBe('enrolled');
      expect(await directory.getSetting(SYNC_CONNECTION_SETTING)).toMatchObject({
        serverUrl: server().url,
        officeId: OFFICE_A,
        counterId: 'a2',
      });
      const last = seen.at(-1);
      expect(last && Object.values(last).every((c) => c.done)).toBe(true);
      expect(last?.officers.received).toBeGreaterThan(0);
      expect(await directory.readCodeState()).toMatchObject({ counterId: 'a2', slot: expect.any(Number) });
      expect(await directory.issueCode(new Date().toISOString())).toMatch(/^000\.00\.01\.H56-/);
    } finally {
      await db.close();
    }
  });

  it('says why a connection is refused', async () => {
    const db = await openMemoryDb();
    try {
      const deps = { directory: createDirectoryRepository(db), directoryDb: db, deviceName: 'PC' };
      expect(await refusal(enrolOffice(deps, { serverUrl: 'motcua.tinh.gov.vn', code: 'ABCD-EFGH' }))).toBe(
        'url_invalid',
      );
      expect(await refusal(enrolOffice(deps, { serverUrl: server().url, code: 'AB' }))).toBe('code_format');
      expect(
        await refusal(enrolOffice(deps, { serverUrl: 'http://127.0.0.1:9', code: await counterCode() })),
      ).toBe('unreachable');
      expect(await refusal(enrolOffice(deps, { serverUrl: server().url, code: 'ZZZZ-ZZZZ-ZZZZ' }))).toBe(
        'code_rejected',
      );
      // A code naming no counter: a first-run PC has none of its own to ask for.
      const { code } = await server().store.devices.issueEnrolCode(OFFICE_A, 'counter', 60);
      expect(await refusal(enrolOffice(deps, { serverUrl: server().url, code }))).toBe('counter_not_named');
      expect(await directoryReady(deps.directory)).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('refuses to join a real office from a PC holding the demo office', async () => {
    const db = await openMemoryDb();
    try {
      const repo = await createCounterRepository(db);
      await seedDemoOffice(repo);
      const demo = await repo.getOffice();
      const deps = { directory: createDirectoryRepository(db), directoryDb: db, deviceName: 'PC' };
      const error = await enrolOffice(deps, { serverUrl: server().url, code: await counterCode('a1') }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EnrolmentError);
      expect(error).toMatchObject({ reason: 'other_office', detail: demo?.name });
      // Nothing of the real office came down; the PC is still the demo.
      expect((await repo.getOffice())?.id).toBe(demo?.id);
      expect(await repo.getSetting(SETTING_KEYS.provisioning)).toBe('demo');
      expect(await repo.getSetting(SYNC_CONNECTION_SETTING)).toBeNull();
    } finally {
      await db.close();
    }
  });
});
