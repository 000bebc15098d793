import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeMainHost, fakeMainHost } from '../../tests/support/main-host';
import { createHandlers, defaultFilters } from './handlers';
import { type SenderFrame, createIpcRouter } from './router';

const APP_FRAME: SenderFrame = { url: 'app://motcua/index.html#/reception', isMainFrame: true };
const FORM = '<!doctype html><html><body><h1>GIẤY TIẾP NHẬN HỒ SƠ</h1></body></html>';

let dir: string;
let fake: FakeMainHost;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-ipc-'));
  fake = fakeMainHost();
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The handlers behind the router, so every answer is also checked against the contract. */
const router = () => createIpcRouter(createHandlers(fake.host));

describe('IPC handlers (answered through the router)', () => {
  it('prints a form with the officer-chosen options', async () => {
    const answer = await router().handle('print.form', APP_FRAME, {
      html: FORM,
      pageSize: 'A5',
      silent: true,
    });
    expect(answer).toEqual({ ok: true, value: { printed: true } });
    expect(fake.seen.printed).toEqual([{ html: FORM, pageSize: 'A5', silent: true }]);
  });

  it('saves a PDF where the officer chose, adding .pdf, and tells only the file name', async () => {
    fake.next.savePath = path.join(dir, 'giay-tiep-nhan.pdf');
    const answer = await router().handle('print.toPdf', APP_FRAME, {
      html: FORM,
      pageSize: 'A4',
      suggestedName: 'giay-tiep-nhan',
    });
    expect(answer).toEqual({
      ok: true,
      value: { saved: true, fileName: 'giay-tiep-nhan.pdf', bytes: expect.any(Number) },
    });
    expect((await fs.readFile(fake.next.savePath, 'utf8')).startsWith('%PDF')).toBe(true);
  });

  it('reports a cancelled save dialog without writing anything', async () => {
    const answer = await router().handle('file.save', APP_FRAME, { suggestedName: 'so.csv', data: 'a,b' });
    expect(answer).toEqual({ ok: true, value: { saved: false, reason: 'cancelled' } });
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('writes text and bytes', async () => {
    fake.next.savePath = path.join(dir, 'so.csv');
    const text = await router().handle('file.save', APP_FRAME, {
      suggestedName: 'so.csv',
      data: 'Mã hồ sơ\n',
    });
    expect(text).toEqual({ ok: true, value: { saved: true, fileName: 'so.csv', bytes: 13 } });
    fake.next.savePath = path.join(dir, 'raw.bin');
    await router().handle('file.save', APP_FRAME, {
      suggestedName: 'raw.bin',
      data: new Uint8Array([1, 2, 3]),
    });
    expect([...(await fs.readFile(fake.next.savePath))]).toEqual([1, 2, 3]);
  });

  it('round-trips a backup file through export and import', async () => {
    const sealed = new Uint8Array([77, 67, 66, 75, 1, 2, 3]);
    fake.next.savePath = path.join(dir, 'motcua-2026-11-27.mcbak');
    const saved = await router().handle('backup.export', APP_FRAME, {
      data: sealed,
      suggestedName: 'motcua-2026-11-27',
    });
    expect(saved).toMatchObject({ ok: true, value: { saved: true, fileName: 'motcua-2026-11-27.mcbak' } });
    fake.next.openPath = fake.next.savePath;
    const opened = await router().handle('backup.import', APP_FRAME, undefined);
    expect(opened).toEqual({
      ok: true,
      value: { opened: true, fileName: 'motcua-2026-11-27.mcbak', data: sealed },
    });
    fake.next.openPath = null;
    expect(await router().handle('backup.import', APP_FRAME, undefined)).toEqual({
      ok: true,
      value: { opened: false },
    });
  });

  it('answers app info, the database key, provisioning and update status', async () => {
    const r = router();
    expect(await r.handle('app.info', APP_FRAME, undefined)).toMatchObject({
      ok: true,
      value: { mode: 'desktop' },
    });
    const key = await r.handle('keys.getDatabaseKey', APP_FRAME, undefined);
    expect(key.ok && key.value).toHaveLength(44);
    expect(await r.handle('provisioning.status', APP_FRAME, undefined)).toEqual({
      ok: true,
      value: { state: 'unprovisioned' },
    });
    expect(await r.handle('updates.status', APP_FRAME, undefined)).toMatchObject({
      ok: true,
      value: { state: 'disabled' },
    });
  });

  it('logs flat context only', async () => {
    const answer = await router().handle('log.write', APP_FRAME, {
      level: 'warn',
      message: 'sync retry',
      context: { attempt: 3, collection: 'dossiers' },
    });
    expect(answer).toEqual({ ok: true, value: null });
    expect(fake.seen.logged).toEqual([
      { level: 'warn', message: 'sync retry', context: { attempt: 3, collection: 'dossiers' } },
    ]);
  });

  it.each([
    ['bao-cao.xlsx', ['xlsx', '*']],
    ['no-extension', ['*']],
  ])('defaultFilters(%s)', (name, extensions) => {
    expect(defaultFilters(name).flatMap((filter) => filter.extensions)).toEqual(extensions);
  });
});
