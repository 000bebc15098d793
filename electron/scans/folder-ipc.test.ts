import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeMainHost } from '../../tests/support/main-host';
import { createHandlers } from '../ipc/handlers';
import { createIpcRouter, type SenderFrame } from '../ipc/router';
import { ScanFolderWatcher } from './folder-watcher';

const APP_FRAME: SenderFrame = { url: 'app://motcua/index.html#/reception', isMainFrame: true };
let dir: string;
let watcher: ScanFolderWatcher;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'motcua-scanner-ipc-'));
  watcher = new ScanFolderWatcher(dir);
  watcher.start();
});
afterEach(async () => {
  watcher.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The router as main.ts builds it, over a real watcher of a temp folder. */
const router = () =>
  createIpcRouter(
    createHandlers(
      fakeMainHost({
        scanFolderOffers: (args) => watcher.waitForOffers(args.seen, 10_000),
        scanFolderTake: (args) => watcher.take(args.name),
      }).host,
    ),
  );

describe('IPC: the scanner folder', () => {
  it.each([
    ['scans.folderOffers', undefined],
    ['scans.folderOffers', { seen: -1 }],
    ['scans.folderOffers', { seen: 1.5 }],
    ['scans.folderOffers', { seen: 0, dir: '/etc' }],
    ['scans.folderTake', { name: '../../etc/passwd' }],
    ['scans.folderTake', { name: 'C:\\Windows\\x.pdf' }],
    ['scans.folderTake', { name: '' }],
    ['scans.folderTake', { name: 'a.pdf', path: '/etc' }],
  ])('%s refuses %j before the watcher sees it', async (channel, args) => {
    expect(await router().handle(channel, APP_FRAME, args)).toMatchObject({
      ok: false,
      error: { code: 'bad_arguments' },
    });
  });

  it('answers a new file when it arrives, then its bytes once by name', async () => {
    const answer = router().handle('scans.folderOffers', APP_FRAME, { seen: 0 });
    await writeFile(path.join(dir, 'scan-0001.jpg'), new Uint8Array([0xff, 0xd8, 0xff, 0xe0]));
    expect(await answer).toMatchObject({
      ok: true,
      value: { watching: true, files: [{ name: 'scan-0001.jpg', size: 4 }] },
    });
    const taken = await router().handle('scans.folderTake', APP_FRAME, { name: 'scan-0001.jpg' });
    expect(taken).toMatchObject({ ok: true, value: { name: 'scan-0001.jpg', mime: 'image/jpeg' } });
    expect((taken as { value: { data: Uint8Array } }).value.data).toEqual(
      new Uint8Array([0xff, 0xd8, 0xff, 0xe0]),
    );
    expect(await router().handle('scans.folderTake', APP_FRAME, { name: 'scan-0001.jpg' })).toMatchObject({
      ok: false,
      error: { code: 'failed', message: 'scan.folder_not_offered' },
    });
  });
});
