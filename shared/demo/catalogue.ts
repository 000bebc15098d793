import type { LegalTime, OnSiteStep, Procedure, RequiredDocument, Sector } from '../domain';

/**
 * Demo catalogue from DOMAIN.md's typical procedures (times to verify per province [check]).
 * Codes follow the national procedure database style (x.00xxxx); required documents are the usual
 * ones of each procedure.
 */
const AT = '2026-01-01T00:00:00.000Z';

export const DEMO_SECTORS: Sector[] = [
  { id: 'sec-hotich', code: 'HT', name: 'Hộ tịch', updatedAt: AT },
  { id: 'sec-chungthuc', code: 'CT', name: 'Chứng thực', updatedAt: AT },
  { id: 'sec-hkd', code: 'HKD', name: 'Thành lập và hoạt động của hộ kinh doanh', updatedAt: AT },
  { id: 'sec-xaydung', code: 'XD', name: 'Xây dựng', updatedAt: AT },
  { id: 'sec-datdai', code: 'DD', name: 'Đất đai', updatedAt: AT },
  { id: 'sec-btxh', code: 'BTXH', name: 'Bảo trợ xã hội', updatedAt: AT },
];

const ALL_ON_SITE: OnSiteStep[] = ['receive', 'appraise', 'approve', 'seal', 'return'];
const TRANSFERRED: OnSiteStep[] = ['receive', 'return'];

let docSeq = 0;
const doc = (
  name: string,
  copyType: RequiredDocument['copyType'],
  mandatory = true,
  count = 1,
): RequiredDocument => ({
  id: `doc-${String(++docSeq).padStart(3, '0')}`,
  name,
  copyType,
  count,
  mandatory,
});
const ID_CARD = 'Căn cước công dân / Căn cước của người nộp hồ sơ (xuất trình)';

function procedure(p: {
  id: string;
  code: string;
  name: string;
  sectorId: string;
  legalTime: LegalTime;
  documents: RequiredDocument[];
  fees?: { label: string; amountVnd: number }[];
  onSite?: OnSiteStep[];
  leadAgency?: string;
}): Procedure {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    sectorId: p.sectorId,
    legalTime: p.legalTime,
    fees: p.fees ?? [],
    requiredDocuments: p.documents,
    onSiteSteps: p.onSite ?? ALL_ON_SITE,
    leadAgency: p.leadAgency ?? 'UBND huyện Vũ Thư',
    active: true,
    updatedAt: AT,
  };
}

export const DEMO_PROCEDURES: Procedure[] = [
  procedure({
    id: 'proc-khai-sinh',
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    sectorId: 'sec-hotich',
    legalTime: { unit: 'immediate' },
    documents: [
      doc('Tờ khai đăng ký khai sinh', 'original'),
      doc('Giấy chứng sinh hoặc văn bản xác nhận việc sinh', 'original'),
      doc(ID_CARD, 'original'),
    ],
  }),
  procedure({
    id: 'proc-trich-luc',
    code: '2.000635',
    name: 'Cấp bản sao trích lục hộ tịch',
    sectorId: 'sec-hotich',
    legalTime: { unit: 'immediate' },
    documents: [doc('Tờ khai cấp bản sao trích lục hộ tịch', 'original'), doc(ID_CARD, 'original')],
    fees: [{ label: 'Phí cấp bản sao trích lục (mỗi bản)', amountVnd: 8_000 }],
  }),
  procedure({
    id: 'proc-cai-chinh',
    code: '1.004859',
    name: 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch',
    sectorId: 'sec-hotich',
    legalTime: { unit: 'working_days', value: 3 },
    documents: [
      doc('Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 'original'),
      doc('Giấy tờ làm căn cứ thay đổi, cải chính hộ tịch', 'certified_copy'),
      doc(ID_CARD, 'original'),
    ],
    fees: [{ label: 'Lệ phí hộ tịch', amountVnd: 28_000 }],
  }),
  procedure({
    id: 'proc-ket-hon-nn',
    code: '1.000894',
    name: 'Đăng ký kết hôn có yếu tố nước ngoài',
    sectorId: 'sec-hotich',
    legalTime: { unit: 'working_days', value: 15 },
    documents: [
      doc('Tờ khai đăng ký kết hôn', 'original'),
      doc('Giấy xác nhận tình trạng hôn nhân của mỗi bên', 'original', true, 2),
      doc('Giấy xác nhận của tổ chức y tế về khả năng nhận thức', 'original', true, 2),
      doc('Hộ chiếu của bên nước ngoài', 'certified_copy'),
    ],
    fees: [{ label: 'Lệ phí đăng ký kết hôn có yếu tố nước ngoài', amountVnd: 1_500_000 }],
    onSite: TRANSFERRED,
    leadAgency: 'Phòng Tư pháp huyện Vũ Thư',
  }),
  procedure({
    id: 'proc-sao-y',
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    sectorId: 'sec-chungthuc',
    legalTime: { unit: 'immediate' },
    documents: [
      doc('Bản chính giấy tờ, văn bản cần chứng thực', 'original'),
      doc('Bản sao cần chứng thực', 'copy'),
    ],
    fees: [{ label: 'Phí chứng thực bản sao (mỗi trang)', amountVnd: 2_000 }],
  }),
  procedure({
    id: 'proc-hop-dong',
    code: '2.001035',
    name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản',
    sectorId: 'sec-chungthuc',
    legalTime: { unit: 'working_days', value: 2 },
    documents: [
      doc('Dự thảo hợp đồng, giao dịch', 'original'),
      doc('Giấy tờ tùy thân của người yêu cầu chứng thực', 'copy'),
      doc('Giấy chứng nhận quyền sở hữu hoặc giấy tờ thay thế', 'copy'),
    ],
    fees: [{ label: 'Phí chứng thực hợp đồng', amountVnd: 50_000 }],
  }),
  procedure({
    id: 'proc-hkd-thanh-lap',
    code: '2.000720',
    name: 'Đăng ký thành lập hộ kinh doanh',
    sectorId: 'sec-hkd',
    legalTime: { unit: 'working_days', value: 3 },
    documents: [
      doc('Giấy đề nghị đăng ký hộ kinh doanh', 'original'),
      doc('Bản sao giấy tờ pháp lý của cá nhân các thành viên hộ gia đình', 'copy'),
      doc('Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh', 'original', false),
      doc('Hợp đồng thuê, mượn địa điểm kinh doanh', 'copy', false),
    ],
    fees: [{ label: 'Lệ phí đăng ký hộ kinh doanh', amountVnd: 100_000 }],
  }),
  procedure({
    id: 'proc-hkd-thay-doi',
    code: '2.000575',
    name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
    sectorId: 'sec-hkd',
    legalTime: { unit: 'working_days', value: 3 },
    documents: [
      doc('Thông báo thay đổi nội dung đăng ký hộ kinh doanh', 'original'),
      doc('Giấy chứng nhận đăng ký hộ kinh doanh đã cấp', 'original'),
    ],
    fees: [{ label: 'Lệ phí đăng ký hộ kinh doanh', amountVnd: 100_000 }],
  }),
  procedure({
    id: 'proc-hkd-cap-lai',
    code: '1.001612',
    name: 'Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh',
    sectorId: 'sec-hkd',
    legalTime: { unit: 'working_days', value: 3 },
    documents: [doc('Giấy đề nghị cấp lại Giấy chứng nhận đăng ký hộ kinh doanh', 'original')],
  }),
  procedure({
    id: 'proc-gpxd',
    code: '1.009994',
    name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    sectorId: 'sec-xaydung',
    legalTime: { unit: 'calendar_days', value: 15 },
    documents: [
      doc('Đơn đề nghị cấp giấy phép xây dựng', 'original'),
      doc('Giấy tờ chứng minh quyền sử dụng đất', 'certified_copy'),
      doc('Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, móng)', 'original', true, 2),
    ],
    fees: [{ label: 'Lệ phí cấp giấy phép xây dựng', amountVnd: 75_000 }],
    onSite: TRANSFERRED,
    leadAgency: 'Phòng Kinh tế - Hạ tầng huyện Vũ Thư',
  }),
  procedure({
    id: 'proc-gcn-lan-dau',
    code: '1.004227',
    name: 'Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu',
    sectorId: 'sec-datdai',
    legalTime: { unit: 'working_days', value: 20 },
    documents: [
      doc('Đơn đăng ký, cấp Giấy chứng nhận (Mẫu 04/ĐK)', 'original'),
      doc('Giấy tờ về quyền sử dụng đất', 'certified_copy'),
      doc('Chứng từ thực hiện nghĩa vụ tài chính', 'copy', false),
      doc('Mảnh trích đo bản đồ địa chính', 'original', false),
    ],
    onSite: TRANSFERRED,
    leadAgency: 'Chi nhánh Văn phòng đăng ký đất đai huyện Vũ Thư',
  }),
  procedure({
    id: 'proc-bien-dong-dat',
    code: '1.004221',
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    sectorId: 'sec-datdai',
    legalTime: { unit: 'working_days', value: 10 },
    documents: [
      doc('Đơn đăng ký biến động đất đai (Mẫu 09/ĐK)', 'original'),
      doc('Giấy chứng nhận đã cấp', 'original'),
      doc('Hợp đồng, văn bản về việc chuyển quyền đã công chứng, chứng thực', 'original'),
    ],
    onSite: TRANSFERRED,
    leadAgency: 'Chi nhánh Văn phòng đăng ký đất đai huyện Vũ Thư',
  }),
  procedure({
    id: 'proc-tro-cap',
    code: '1.001776',
    name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng',
    sectorId: 'sec-btxh',
    legalTime: { unit: 'working_days', value: 10 },
    documents: [
      doc('Tờ khai đề nghị trợ giúp xã hội (Mẫu số 1a)', 'original'),
      doc('Giấy xác nhận khuyết tật hoặc giấy tờ chứng minh đối tượng', 'copy'),
    ],
  }),
];
