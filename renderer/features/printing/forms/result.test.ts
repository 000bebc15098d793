import { describe, expect, it } from 'vitest';
import { verifySealPayload } from '../../../../shared/verification';
import { renderForm } from '../registry';
import {
  device,
  makeDossier,
  office,
  printForm,
  sampleData,
  sealFor,
  sealedDossier,
  svgMatchesQrOf,
} from '../../../../tests/support/print';
import { expectFields } from '../../../../tests/support/printed-fields';

describe('result slip', () => {
  it('prints the result and a QR that scans as the signed seal, which verifies', async () => {
    const data = sampleData().result;
    const doc = await printForm('result', data);
    expect(doc.text).toContain('PHIẾU KẾT QUẢ GIẢI QUYẾT HỒ SƠ');
    expectFields(doc, {
      'dossier-code': 'Mã hồ sơ: 000.00.06.H56-231027-0361',
      'result-type': 'Kết quả giải quyết: Giấy chứng nhận đăng ký hộ kinh doanh',
      'result-number': 'Số, ký hiệu: 125/GCN-HKD',
      'result-date': 'Ngày ban hành: 31/10/2023',
      'result-signer': 'Người ký: Phạm Văn Cường',
      'due-at': 'Hẹn trả kết quả: 16:30 01/11/2023',
      'returned-at': 'Thời gian trả kết quả: 15:00 31/10/2023',
    });
    expect(doc.field('qr-note')).toContain(`Khóa xác thực: ${device.keyId}`);
    const svgs = doc.svgs;
    expect(svgs).toHaveLength(1);
    expect(svgMatchesQrOf(svgs[0]!, data.sealPayload)).toBe(true);
    const verified = await verifySealPayload(data.sealPayload, (id) =>
      id === device.keyId ? { publicKey: device.publicKey, officeAgencyCode: office.agencyCode } : null,
    );
    expect(verified).toMatchObject({
      ok: true,
      code: '000.00.06.H56-231027-0361',
      resultNumber: '125/GCN-HKD',
    });
  });

  it('refuses a seal of another dossier or result number, and a dossier without result', async () => {
    const data = sampleData().result;
    const other = sealFor(sealedDossier());
    await expect(
      renderForm('result', {
        ...data,
        dossier: { ...data.dossier, code: '000.00.06.H56-231027-0999' },
        sealPayload: other,
      }),
    ).rejects.toThrow(/does not match/);
    await expect(
      renderForm('result', {
        ...data,
        dossier: { ...data.dossier, result: { ...data.dossier.result!, number: '126/GCN-HKD' } },
      }),
    ).rejects.toThrow(/does not match/);
    await expect(renderForm('result', { ...data, dossier: makeDossier() })).rejects.toThrow(/no result/);
    await expect(renderForm('result', { ...data, sealPayload: 'garbage' })).rejects.toThrow();
  });
});
