// Provisioning a counter PC against the real provincial server (Fastify + embedded PostgreSQL):
// the desktop shell's provisioning service reads the file, enrols, checks the office, stores
// the device token encrypted.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createProvisioningService, provisioningCandidates } from '../../electron/provisioning/service';
import { osAccountSafeStorage as safeStorage } from '../support/safe-storage';
import type { ProvisioningFile } from '../../shared/provisioning/schema';
import { OFFICE_A } from './harness';
import { useSeededServer } from '../support/seeded-server';
import { openMemoryDb } from '../support/db-fixtures';
import { createDirectoryRepository } from '../../renderer/db';
import {
  directoryReady,
  finishEnrolment,
  provisionedEnrolment,
} from '../../renderer/features/sync/enrol-office';

const server = useSeededServer();
let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-provisioning-'));
});

async function provisioningFile(overrides: Partial<ProvisioningFile> = {}): Promise<string> {
  const { code } = await server().store.devices.issueEnrolCode(OFFICE_A, 'counter', 60);
  const file: ProvisioningFile = {
    version: 1,
    serverUrl: server().url,
    officeCode: '000.00.01.H56',
    counterId: 'a1',
    counterName: 'Quầy 1',
    enrolmentCode: code,
    updates: { enabled: true },
    ...overrides,
  };
  const filePath = path.join(dir, 'motcua-provisioning.json');
  await fs.writeFile(filePath, JSON.stringify(file, null, 2));
  return filePath;
}

const service = (storage = safeStorage()) =>
  createProvisioningService({
    userDataDir: path.join(dir, 'userData'),
    safeStorage: storage,
    fetch: (url, init) => fetch(url, init),
    deviceName: 'PC-QUAY-1',
  });

describe('provisioning and enrolment against the real server', () => {
  it('enrols with a valid file and keeps the token encrypted on disk', async () => {
    const provisioning = service();
    expect(await provisioning.status()).toEqual({ state: 'unprovisioned' });
    const result = await provisioning.importFile(await provisioningFile());
    expect(result.outcome).toBe('enrolled');
    const status = await provisioning.status();
    if (status.state !== 'enrolled') throw new Error('not enrolled');
    expect(status).toMatchObject({
      officeId: OFFICE_A,
      counterId: 'a1',
      provisioning: { officeCode: '000.00.01.H56' },
    });

    // The token works against the server's authenticated routes.
    const time = await fetch(`${server().url}/sync/time`, {
      headers: { authorization: `Bearer ${status.token}` },
    });
    expect(time.status).toBe(200);
    // ...and is nowhere in clear on disk, nor is the used enrolment code.
    const stored = await fs.readFile(path.join(dir, 'userData', 'provisioning', 'state.json'), 'utf8');
    expect(stored).not.toContain(status.token);
    expect(stored).not.toContain('enrolmentCode');
    const devices = await server().store.devices.listDevices(OFFICE_A);
    expect(devices.some((d) => d.id === status.deviceId && d.name === 'PC-QUAY-1')).toBe(true);
  });

  it('refuses a used enrolment code', async () => {
    const filePath = await provisioningFile();
    expect((await service().importFile(filePath)).outcome).toBe('enrolled');
    const again = await service().importFile(filePath);
    expect(again).toMatchObject({ outcome: 'enrolment_failed', reason: 'enrol_code_invalid' });
    expect(again.outcome === 'enrolment_failed' && again.message).toMatch(/mã đăng ký/i);
  });

  it('refuses a file edited to name another office', async () => {
    const result = await service().importFile(await provisioningFile({ officeCode: '000.00.02.H56' }));
    expect(result).toMatchObject({ outcome: 'enrolment_failed', reason: 'office_mismatch' });
    expect(await service().status()).toEqual({ state: 'unprovisioned' });
  });

  it('refuses a counter of another office', async () => {
    const result = await service().importFile(await provisioningFile({ counterId: 'b1' }));
    expect(result).toMatchObject({ outcome: 'enrolment_failed', reason: 'counter_not_found' });
  });

  it('refuses an invalid file without contacting the server', async () => {
    const filePath = path.join(dir, 'motcua-provisioning.json');
    await fs.writeFile(
      filePath,
      JSON.stringify({ version: 1, serverUrl: 'http://attacker.example', officeCode: 'X' }),
    );
    const before = (await server().store.devices.listDevices()).length;
    const result = await service().importFile(filePath);
    expect(result.outcome).toBe('invalid');
    if (result.outcome !== 'invalid') return;
    expect(result.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['server_url_not_https', 'office_code_invalid', 'required']),
    );
    expect((await server().store.devices.listDevices()).length).toBe(before);
  });

  it('says plainly when the server cannot be reached', async () => {
    const result = await service().importFile(await provisioningFile({ serverUrl: 'http://127.0.0.1:9' }));
    expect(result).toMatchObject({ outcome: 'enrolment_failed', reason: 'unreachable' });
  });

  it('provisions itself on first run from a file dropped next to the executable, once', async () => {
    await provisioningFile();
    const candidates = provisioningCandidates({ exeDir: dir, appImagePath: undefined });
    const storage = safeStorage();
    const first = await service(storage).autoProvision(candidates);
    expect(first?.outcome).toBe('enrolled');
    expect(await service(storage).autoProvision(candidates)).toBeNull();
  });

  it("hands the renderer the enrolment's numbering; its first run brings the office down and numbers from that slot", async () => {
    const provisioning = service();
    expect((await provisioning.importFile(await provisioningFile())).outcome).toBe('enrolled');
    const status = await provisioning.status();
    if (status.state !== 'enrolled') throw new Error('not enrolled');
    expect(status.numbering).toMatchObject({ slot: expect.any(Number), layout: expect.any(Object) });
    // The numbering and the token are kept for the next start too (the token encrypted).
    expect(
      JSON.parse(await fs.readFile(path.join(dir, 'userData', 'provisioning', 'state.json'), 'utf8')),
    ).toMatchObject({ numbering: status.numbering });

    // The renderer's first run on that status (renderer/features/setup: firstRunState 'provisioned').
    const db = await openMemoryDb();
    try {
      const directory = createDirectoryRepository(db);
      const pending = provisionedEnrolment(status);
      if (!pending) throw new Error('no enrolment handed over');
      const office = await finishEnrolment({ directory, directoryDb: db }, pending);
      expect(office.id).toBe(OFFICE_A);
      expect(await directoryReady(directory)).toBe(true);
      expect((await directory.getCounter())?.id).toBe('a1');
      expect((await directory.listOfficers()).length).toBeGreaterThan(0);
      expect((await directory.listProcedures()).length).toBeGreaterThan(0);
      const state = await directory.readCodeState();
      expect(state).toMatchObject({ officeId: OFFICE_A, counterId: 'a1', slot: status.numbering?.slot });
      expect(await directory.issueCode(new Date().toISOString())).toMatch(/^000\.00\.01\.H56-/);
    } finally {
      await db.close();
    }
  });
});
