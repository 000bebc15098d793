import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../i18n';
import type { PrintFormArgs } from '../../platform';
import type { PrintSources } from './definition';
import { createPrintService } from './service';
import { device, makeDossier, office, procedure, sealedDossier, textOf } from '../../../tests/support/print';

/** What the platform was asked to print. */
const printed: PrintFormArgs[] = [];

vi.mock('../../platform', () => ({
  getPlatform: () => ({
    printForm: async (args: PrintFormArgs) => {
      printed.push(args);
      return { printed: true };
    },
  }),
}));

const sources: PrintSources = {
  eventsOf: async () => [],
  getProcedure: async () => procedure,
  registerRows: async () => [makeDossier(), sealedDossier()],
  sealKey: async () => ({ secretKey: device.secretKey, keyId: device.keyId }),
};
const session = { office, officer: { fullName: 'Trần Thị Bình', title: 'Chuyên viên' } };

beforeEach(() => {
  printed.length = 0;
  // printHtml hands the keyboard back to the page after printing: the little of the DOM it touches.
  vi.stubGlobal('HTMLElement', class {});
  vi.stubGlobal('window', { focus: () => undefined });
  vi.stubGlobal('document', { activeElement: null, body: { dataset: {} }, documentElement: { lang: '' } });
});
afterEach(() => vi.unstubAllGlobals());

describe('print service', () => {
  it('prints the citizen’s official forms in Vietnamese while the app is in English', async () => {
    // The officer chose English for the app (remembered per counter).
    vi.stubGlobal('localStorage', { getItem: () => 'en' });
    const i18n = await initI18n();
    expect(i18n.language).toBe('en');
    const service = createPrintService(sources);
    await service.print('01', makeDossier(), session);
    await service.print('result', sealedDossier(), session);
    await service.print('06', null, session, { year: 2023 });
    expect(printed.map((p) => p.html.match(/<html lang="(\w+)">/)?.[1])).toEqual(['vi', 'vi', 'vi']);
    const [receipt, result, register] = printed.map((p) => textOf(p.html));
    expect(receipt).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(receipt).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(receipt).not.toMatch(/DOSSIER RECEIPT|Applicant|Dossier code/);
    expect(result).toContain('PHIẾU KẾT QUẢ GIẢI QUYẾT HỒ SƠ');
    expect(register).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(printed.map((p) => [p.pageSize, p.landscape])).toEqual([
      ['A5', false],
      ['A5', false],
      ['A4', true],
    ]);
  });
});
