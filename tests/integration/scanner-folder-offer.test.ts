// The watched scanner folder on the scan card, end to end below the screen: a file the scanner
// writes into the folder IT staff set is seen by the main process's watcher, offered through the
// IPC router and the preload's bridge to the desktop platform, shown on the card as "Tệp mới từ máy
// quét: <tên>", and attaching it stores and records that very file. In web mode nothing is offered.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../electron/ipc/handlers';
import { createIpcRouter, type SenderFrame } from '../../electron/ipc/router';
import { ScanFolderWatcher } from '../../electron/scans/folder-watcher';
import { ScanHost } from '../../renderer/features/scans/host';
import { registerScansI18n } from '../../renderer/features/scans/i18n';
import { createScansService } from '../../renderer/features/scans/replica-service';
import {
  attachFromScannerFolder,
  followScannerFolder,
  type ScannerFolderOffer,
} from '../../renderer/features/scans/scanner-folder';
import { ScannerFolderOffers } from '../../renderer/features/scans/ScannerFolderOffers';
import type { ScansService } from '../../renderer/features/scans/service';
import type { Session } from '../../renderer/features/session/service';
import type { DossierCommand } from '../../renderer/features/steps/replica-service';
import { i18next as appI18n } from '../../renderer/i18n';
import { createDesktopPlatform } from '../../renderer/platform/desktop';
import { createWebPlatform } from '../../renderer/platform/web';
import type { Platform } from '../../renderer/platform';
import type { Dossier } from '../../shared/domain';
import { createDesktopBridge } from '../../shared/ipc/bridge';
import { fakeMainHost } from '../support/main-host';

const APP_FRAME: SenderFrame = { url: 'app://motcua/index.html#/reception', isMainFrame: true };
const DOCUMENTS = [
  { documentId: 'doc-1', name: 'Giấy khai sinh' },
  { documentId: 'doc-2', name: 'Căn cước công dân' },
];
const dossier = { id: 'dossier-scanner-1', documents: DOCUMENTS } as unknown as Dossier;
const session = {} as Session;

const i18n = i18next.createInstance();
const host = new ScanHost();
const recorded: DossierCommand[] = [];
let scans: ScansService;
let dir: string;
let watcher: ScanFolderWatcher;
const stops: (() => void)[] = [];

beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    lng: 'vi',
    resources: { vi: { translation: {} } },
    interpolation: { escapeValue: false },
  });
  registerScansI18n(i18n);
  // The app's i18next as initI18n leaves it: the service words its refusals with it.
  await appI18n.init({ lng: 'vi', fallbackLng: 'vi', resources: { vi: { translation: {} } } });
  // The app's scans service; its step runner records the command instead of writing the replica.
  scans = createScansService({
    host,
    run: async (command) => {
      recorded.push(command);
      return dossier;
    },
    listEvents: async () => [],
  });
  await host.open('data-key-scanner-folder', 'scanner-folder-offer-test');
  dir = await mkdtemp(path.join(tmpdir(), 'motcua-scanner-offer-'));
  watcher = new ScanFolderWatcher(dir);
  watcher.start();
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});
afterAll(async () => {
  watcher.stop();
  await host.close();
  await rm(dir, { recursive: true, force: true });
  vi.unstubAllGlobals();
});

/** The desktop platform as the renderer gets it: the preload's bridge over main.ts's IPC router. */
function desktopPlatform(): Platform {
  const router = createIpcRouter(
    createHandlers(
      fakeMainHost({
        scanFolderOffers: (args) => watcher.waitForOffers(args.seen, 10_000),
        scanFolderTake: (args) => watcher.take(args.name),
      }).host,
    ),
  );
  return createDesktopPlatform(
    createDesktopBridge((channel, args) => router.handle(channel, APP_FRAME, args)),
  );
}

/** The card's offers as the scan card follows them, each new list in turn. */
function follow(platform: Platform) {
  const lists: ScannerFolderOffer[][] = [];
  const waiters: (() => void)[] = [];
  stops.push(
    followScannerFolder(platform, (files) => {
      lists.push(files);
      for (const wake of waiters.splice(0)) wake();
    }),
  );
  return {
    lists,
    async next(check: (files: ScannerFolderOffer[]) => boolean): Promise<ScannerFolderOffer[]> {
      while (!lists.some(check)) await new Promise<void>((resolve) => waiters.push(resolve));
      return lists.filter(check).at(-1)!;
    },
  };
}

const card = (offers: readonly ScannerFolderOffer[]) =>
  renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(ScannerFolderOffers, {
        offers,
        documents: DOCUMENTS,
        target: 'doc-1',
        onTarget: () => {},
        busy: false,
        onAttach: () => {},
      }),
    ),
  );

describe('scan card: a new file in the scanner folder', () => {
  it('is offered as "Tệp mới từ máy quét: <tên>", and attaching it attaches that file', async () => {
    const platform = desktopPlatform();
    const offers = follow(platform);
    const scanned = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(4096, 0x41),
      Buffer.from('%%EOF\n'),
    ]);
    await writeFile(path.join(dir, 'scan-0001.pdf'), scanned);

    const offered = await offers.next((files) => files.length > 0);
    expect(offered).toEqual([{ name: 'scan-0001.pdf', size: scanned.byteLength }]);
    const shown = card(offered);
    expect(shown).toContain('Tệp mới từ máy quét: scan-0001.pdf');
    expect(shown).toContain('Đính kèm');
    expect(shown).toContain('Giấy khai sinh');

    const file = await attachFromScannerFolder(
      scans,
      { dossier, documentId: 'doc-2', session },
      'scan-0001.pdf',
      platform,
    );
    const sha256 = createHash('sha256').update(scanned).digest('hex');
    expect(file).toMatchObject({ name: 'scan-0001.pdf', type: 'application/pdf', size: scanned.byteLength });
    expect(recorded).toEqual([
      expect.objectContaining({
        type: 'attach_scan',
        dossierId: dossier.id,
        documentId: 'doc-2',
        name: 'scan-0001.pdf',
        mime: 'application/pdf',
        size: scanned.byteLength,
        sha256,
      }),
    ]);
    expect(Buffer.from((await host.store!.get(sha256))!)).toEqual(scanned);
    expect((await host.store!.pending()).map((p) => p.sha256)).toEqual([sha256]);

    // Taken: no longer offered, and the card shows nothing of it.
    const after = await offers.next((files) => files.length === 0);
    expect(card(after)).not.toContain('Tệp mới từ máy quét');
    await expect(
      attachFromScannerFolder(scans, { dossier, documentId: 'doc-1', session }, 'scan-0001.pdf', platform),
    ).rejects.toThrow('scan.folder_not_offered');
    expect(recorded).toHaveLength(1);
  });

  it('is never offered in web mode, where no folder is watched', async () => {
    vi.stubGlobal('navigator', { platform: 'web', language: 'vi' });
    const web = createWebPlatform();
    const offers = follow(web);
    await writeFile(path.join(dir, 'scan-0002.pdf'), Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(await web.scanFolderOffers({ seen: 0 })).toEqual({ watching: false, version: 0, files: [] });
    expect(offers.lists).toEqual([]);
    expect(card([])).not.toContain('Tệp mới từ máy quét');
    await expect(
      attachFromScannerFolder(scans, { dossier, documentId: 'doc-1', session }, 'scan-0002.pdf', web),
    ).rejects.toThrow();
    expect(recorded).toHaveLength(1);
  });
});
