import { beforeEach, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../../../shared/domain';
import { printContext, type PrintSources } from '../definition';
import { gatherFormData, renderForm } from '../registry';
import {
  device,
  makeDossier,
  supplementRequest,
  office,
  printForm,
  procedure,
  readPrinted,
  receiver,
  receiverEvent,
  resetEventSeq,
  sampleData,
  type PrintedForm,
} from '../../../../tests/support/print';
import { expectFields } from '../../../../tests/support/printed-fields';

describe('form 02: supplement request', () => {
  it('02 lists what to add, the reason and whom to contact, once and completely', async () => {
    const data = sampleData()['02'];
    const doc = await printForm('02', { ...data, reason: 'Hợp đồng thiếu chữ ký\nbên cho thuê' });
    const text = doc.text;
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expectFields(doc, {
      'dossier-code': null, // no code is issued for an incomplete intake
      'applicant-name': 'Người nộp hồ sơ: Nguyễn Văn An',
    });
    expect(doc.rows('supplement-items')).toEqual([
      ['STT', 'Tên giấy tờ', 'Nội dung cần bổ sung, hoàn thiện', 'Hình thức', 'Số lượng'],
      ['1', 'Hợp đồng thuê địa điểm', 'Nộp bản có chữ ký hai bên', 'Bản sao', '1'],
    ]);
    expect(doc.html).toContain('Hợp đồng thiếu chữ ký<br>bên cho thuê');
    expect(doc.field('contact')).toContain('liên hệ Trần Thị Bình, 0227 3826 123 để được hướng dẫn');
    expect(text).toContain('NGƯỜI HƯỚNG DẪN');
  });
});

/** Form 02 as printed from a dossier's history, through the print context the app builds. */
async function printedFrom(events: DossierEvent[]): Promise<PrintedForm> {
  const sources: PrintSources = {
    eventsOf: async () => events,
    getProcedure: async () => procedure,
    registerRows: async () => [],
    sealKey: async () => ({ secretKey: device.secretKey, keyId: device.keyId }),
  };
  const session = { office, officer: receiver };
  const dossier = makeDossier({ code: '', status: 'incomplete', dueAt: '' });
  return readPrinted(
    await renderForm('02', await gatherFormData('02', printContext(sources, dossier, session))),
  );
}

describe('form 02 from the step that asked for the supplement', () => {
  beforeEach(resetEventSeq);

  it('prints the intake’s one note once, as the reason, not copied into every document’s row', async () => {
    const note = 'Đề nghị nộp đủ giấy tờ trong 03 ngày làm việc';
    // What the intake screen records: its single note as the reason of each missing document.
    const incomplete = receiverEvent('record_incomplete', null, 'incomplete', '2023-10-27T02:15:00Z', {
      notes: note,
      missingDocuments: [
        { name: 'Bản sao CCCD của chủ hộ', reason: note },
        { name: 'Hợp đồng thuê địa điểm', reason: note },
      ],
    });
    const doc = await printedFrom([incomplete]);
    expect(doc.rows('supplement-items').slice(1)).toEqual([
      ['1', 'Bản sao CCCD của chủ hộ', '', '', ''],
      ['2', 'Hợp đồng thuê địa điểm', '', '', ''],
    ]);
    expect(doc.field('reason')).toBe(`Lý do: ${note}`);
    expect(doc.text.split(note)).toHaveLength(2);
  });

  it('gives each document its own requirement, and an empty cell to a document without one', async () => {
    const request = supplementRequest({
      reason: 'Hồ sơ chưa đủ điều kiện thẩm định',
      documents: [
        { name: 'Hợp đồng thuê địa điểm', action: 'fix', note: 'Thiếu chữ ký bên cho thuê' },
        { name: 'Giấy xác nhận PCCC', action: 'add', note: '' },
        { name: 'Giấy đề nghị đăng ký hộ kinh doanh', action: 'fix', note: 'Sai địa chỉ' },
      ],
      withinDeadline: true,
    });
    const doc = await printedFrom([request]);
    expect(doc.rows('supplement-items').slice(1)).toEqual([
      ['1', 'Hợp đồng thuê địa điểm', 'Thiếu chữ ký bên cho thuê', '', ''],
      ['2', 'Giấy xác nhận PCCC', '', '', ''],
      ['3', 'Giấy đề nghị đăng ký hộ kinh doanh', 'Sai địa chỉ', '', ''],
    ]);
    expect(doc.field('reason')).toBe('Lý do: Hồ sơ chưa đủ điều kiện thẩm định');
  });
});
