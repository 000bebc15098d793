import { describe, expect, it } from 'vitest';
import { formAfterStep, formsOffered, renderForm } from '../registry';
import { makeDossier, sampleData, textOf, textOfClass } from '../../../../tests/support/print';

describe('stop-processing notice (Decree 118/2025)', () => {
  it('prints the legal basis of the dossier’s rule set, the reason and the head who seals', async () => {
    const doc = await renderForm('stop', sampleData().stop);
    expect(textOf(doc)).toContain('THÔNG BÁO VỀ VIỆC DỪNG XỬ LÝ HỒ SƠ');
    expect(textOfClass(doc, 'basis')).toMatch(/^Căn cứ Nghị định 118\/2025\/NĐ-CP/);
    expect(textOfClass(doc, 'addressee')).toBe('Kính gửi: Nguyễn Văn An');
    expect(textOfClass(doc, 'dossier-code')).toBe('Mã hồ sơ: 000.00.06.H56-231027-0361');
    expect(textOfClass(doc, 'stopped-at')).toBe('Thời điểm dừng xử lý: 10:00 02/07/2025');
    expect(textOfClass(doc, 'reason')).toBe('Không bổ sung hồ sơ theo yêu cầu');
    expect(textOfClass(doc, 'signatures')).toBe('CHỦ TỊCH (Ký, ghi rõ họ tên và đóng dấu) Lê Văn Dũng');
  });

  it.each([
    ['received 30 June 2025, 23:59 in Vietnam (Decree 61/2018)', '2025-06-30T16:59:00.000Z', false],
    ['received 1 July 2025, 00:00 in Vietnam (Decree 118/2025)', '2025-06-30T17:00:00.000Z', true],
  ])('a stopped dossier %s: notice offered and printed after the stop = %s', (_, receivedAt, notice) => {
    const dossier = makeDossier({ status: 'stopped', receivedAt, clockStartAt: receivedAt });
    const kinds = formsOffered(dossier, 'vi').map((f) => f.kind);
    expect(kinds.includes('stop')).toBe(notice);
    expect(formAfterStep('stop', dossier)).toBe(notice ? 'stop' : undefined);
  });

  it('is never offered before the dossier stopped, nor printed without knowing its rule set', () => {
    const open = makeDossier({
      receivedAt: '2025-07-02T02:00:00.000Z',
      clockStartAt: '2025-07-02T02:00:00.000Z',
    });
    expect(formsOffered(open, 'en').map((f) => f.kind)).not.toContain('stop');
    expect(formAfterStep('stop')).toBeUndefined();
  });
});
