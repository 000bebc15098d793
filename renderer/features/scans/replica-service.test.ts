import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SCAN_BYTES, type Dossier } from '../../../shared/domain';
import type { DossierCommand } from '../steps/replica-service';
import { i18next } from '../../i18n';
import type { Session } from '../session/service';
import { ScanHost } from './host';
import { createScansService } from './replica-service';
import type { ScansService } from './service';

/** What the card's picker hands the service, and what the officer reads when it is refused. */
const host = new ScanHost();
const ran: DossierCommand[] = [];
let scans: ScansService;
const dossier = { id: 'dossier-1' } as Dossier;
const session = {} as Session;

beforeAll(async () => {
  // The app's i18next as initI18n leaves it (that one also sets the page's language).
  await i18next.init({
    lng: 'vi',
    fallbackLng: 'vi',
    resources: { vi: { translation: {} }, en: { translation: {} } },
  });
  scans = createScansService({
    host,
    run: async (command) => {
      ran.push(command);
      return dossier;
    },
    listEvents: async () => [],
  });
  await host.open('data-key-1', 'scan-service-test');
});
afterAll(async () => {
  await host.close();
  await i18next.changeLanguage('vi');
});

const file = (size: number, type: string, name = 'tep') =>
  new File([new Uint8Array(size).fill(7)], name, { type });

describe('attaching a scan: refusals in Vietnamese (and English), nothing stored or recorded', () => {
  it.each([
    ['too large', file(MAX_SCAN_BYTES + 1, 'application/pdf'), 'Tệp quá lớn: tối đa 25 MB mỗi tệp.'],
    ['a text file', file(10, 'text/plain', 'ghi-chu.txt'), 'Chỉ nhận tệp PDF, JPEG hoặc PNG.'],
    ['a GIF', file(10, 'image/gif'), 'Chỉ nhận tệp PDF, JPEG hoặc PNG.'],
    ['empty', file(0, 'application/pdf'), 'Tệp rỗng, không đính kèm được.'],
  ])('%s is refused with its message', async (_what, picked, message) => {
    await expect(scans.attach(dossier, 'doc-1', picked, session)).rejects.toThrow(message);
    expect(ran).toEqual([]);
    expect(await host.store!.pending()).toEqual([]);
  });

  it('says it in English when the officer chose English', async () => {
    await i18next.changeLanguage('en');
    await expect(
      scans.attach(dossier, 'doc-1', file(MAX_SCAN_BYTES + 1, 'image/png'), session),
    ).rejects.toThrow('The file is too large: at most 25 MB per file.');
    await expect(scans.attach(dossier, 'doc-1', file(5, 'image/webp'), session)).rejects.toThrow(
      'Only PDF, JPEG or PNG files are accepted.',
    );
    await i18next.changeLanguage('vi');
  });

  it('a file within the limits is stored (queued once) and its step recorded', async () => {
    await scans.attach(dossier, 'doc-1', file(1024, 'image/png', 'cccd.png'), session);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({
      type: 'attach_scan',
      dossierId: 'dossier-1',
      documentId: 'doc-1',
      size: 1024,
    });
    const pending = await host.store!.pending();
    expect(pending.map((p) => p.sha256)).toEqual([ran[0]?.sha256]);
    expect(await scans.local({ sha256: pending[0]!.sha256 })).toEqual(new Uint8Array(1024).fill(7));
  });
});
