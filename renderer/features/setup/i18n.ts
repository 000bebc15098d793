import { featureTexts } from '../../i18n/feature-texts';

/**
 * The first-run screen's own strings, added to i18next as extra bundles (as the sync feature does).
 * The enrolment's errors and progress are the sync feature's (`syncui.connect.*`).
 */
const vi = {
  title: 'Thiết lập máy tiếp nhận',
  connect: {
    title: 'Kết nối văn phòng',
    body: 'Nhập địa chỉ máy chủ của tỉnh và mã đăng ký một lần do quản trị tỉnh cấp cho quầy này. Dữ liệu văn phòng (cán bộ, thủ tục, lịch nghỉ) được tải về trước khi đăng nhập lần đầu.',
    server_url: 'Địa chỉ máy chủ',
    code: 'Mã đăng ký',
    submit: 'Kết nối văn phòng',
    required: 'Bắt buộc nhập',
    url_invalid: 'Địa chỉ phải bắt đầu bằng http:// hoặc https://',
  },
  demo: {
    title: 'Dùng thử văn phòng mẫu',
    body: 'Chỉ để làm quen: văn phòng, cán bộ và hồ sơ đều là dữ liệu mẫu trên máy này. Máy đã dùng văn phòng mẫu không thể kết nối với văn phòng thật (cần đặt lại máy hoặc dùng hồ sơ trình duyệt mới).',
    button: 'Dùng thử văn phòng mẫu',
  },
  resume: {
    provisioned: 'Máy đã được đăng ký bằng tệp cấu hình. Đang tải dữ liệu văn phòng từ máy chủ tỉnh…',
    pending: 'Máy đã được đăng ký nhưng chưa tải xong dữ liệu văn phòng. Đang tải tiếp…',
  },
  retry: 'Tải lại',
};

const en: typeof vi = {
  title: 'Set up this reception PC',
  connect: {
    title: 'Connect to the office',
    body: 'Type the province server’s address and the one-time enrolment code the province administrator issued for this counter. The office’s data (officers, procedures, holidays) is downloaded before the first login.',
    server_url: 'Server address',
    code: 'Enrolment code',
    submit: 'Connect to the office',
    required: 'Required',
    url_invalid: 'The address must start with http:// or https://',
  },
  demo: {
    title: 'Try the demo office',
    body: 'For practice only: the office, officers and dossiers are sample data on this PC. A PC that used the demo office cannot join a real office (reset it or use a fresh browser profile).',
    button: 'Try the demo office',
  },
  resume: {
    provisioned:
      'This PC was enrolled from its provisioning file. Downloading the office’s data from the province server…',
    pending: 'This PC is enrolled but the office’s data did not finish downloading. Downloading the rest…',
  },
  retry: 'Download again',
};

export const setupResources = { vi: { firstrun: vi }, en: { firstrun: en } } as const;

/** useTranslation() with this folder's bundles added to the app's i18next on first use. */
export const useSetupTranslation = featureTexts(setupResources).useTexts;
