import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedDocument } from '../../../../shared/domain';
import { paperOf, renderForm } from '../registry';
import { makeDossier, sampleData } from '../../../../tests/support/print';
import { launchPdfPrinter, type PdfPrinter } from '../../../../tests/support/print-pdf';

/** The documents of a household-business registration, as a counter receives them. */
const DOCUMENTS: [string, ReceivedDocument['copyType']][] = [
  ['Giấy đề nghị đăng ký hộ kinh doanh', 'original'],
  ['Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh', 'certified_copy'],
  [
    'Bản sao giấy tờ pháp lý của cá nhân đối với các thành viên hộ gia đình đăng ký hộ kinh doanh',
    'certified_copy',
  ],
  ['Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh', 'original'],
  ['Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh', 'certified_copy'],
  ['Hợp đồng thuê địa điểm kinh doanh', 'copy'],
  ['Giấy chứng nhận quyền sử dụng đất của địa điểm kinh doanh', 'certified_copy'],
  ['Văn bản ủy quyền cho người nộp hồ sơ', 'original'],
];

const LONG_ADDRESS =
  'Số nhà 125, ngõ 34, đường Lý Thường Kiệt, tổ dân phố số 7, phường Trần Hưng Đạo, ' +
  'thành phố Thái Bình, tỉnh Thái Bình';

let printer: PdfPrinter;
beforeAll(async () => {
  printer = await launchPdfPrinter();
});
afterAll(() => printer.close());

describe('form 01 on paper', () => {
  it.each([6, 8])(
    'fits one A5 page, signatures included, for %i documents and a long address',
    async (count) => {
      const data = sampleData()['01'];
      const documents = DOCUMENTS.slice(0, count).map(([name, copyType], i) => ({
        documentId: `doc-${i + 1}`,
        name,
        copyType,
        count: 1 + (i % 2),
      }));
      const dossier = makeDossier({
        documents,
        applicant: { ...data.dossier.applicant, address: LONG_ADDRESS },
      });
      const pdf = await printer.print(await renderForm('01', { ...data, dossier }), paperOf('01'));
      expect(pdf.pages).toBe(1);
      const page = pdf.pageTexts[0]!.replace(/\s+/g, ' ');
      expect(page).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
      expect(page).toContain(documents.at(-1)!.name.split(' ').slice(-3).join(' '));
      expect(page).toContain('NGƯỜI NỘP HỒ SƠ');
      expect(page).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
      expect(page).toContain('Trần Thị Bình');
    },
  );
});
