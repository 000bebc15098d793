import { featureTexts } from '../../../i18n/feature-texts';

/** Strings of the console's holiday page (keys under `holidays.`), added to i18next on first use. */
const vi = {
  title: 'Ngày nghỉ lễ và ngày làm việc',
  year: 'Năm',
  fromOfficial: 'Bắt đầu từ lịch chính thức',
  source: {
    stored: 'Lịch tỉnh đang áp dụng',
    official: 'Lịch chính thức (chưa lưu cho tỉnh)',
    generated: 'Lịch tính theo Bộ luật Lao động (chưa có quyết định chính thức)',
  },
  save: 'Lưu lịch năm {{year}}',
  saved: 'Đã lưu lịch năm {{year}}. Các quầy nhận ở lần đồng bộ tới.',
  unsaved: '{{count}} ngày khác lịch đang áp dụng',
  choice: {
    ordinary: 'Ngày thường',
    day_off: 'Ngày nghỉ',
    observed: 'Nghỉ bù',
    make_up_workday: 'Làm bù',
  },
  dayTitle: 'Ngày {{date}}',
  name: 'Tên ngày (hiển thị cho cán bộ)',
  apply: 'Áp dụng',
  cancel: 'Hủy',
  effect: {
    title: 'Ảnh hưởng đến ngày hẹn trả',
    receivedAt: 'Ví dụ: hồ sơ nhận lúc',
    days: 'Thời hạn (ngày làm việc)',
    before: 'Theo lịch đang áp dụng',
    after: 'Theo lịch đang sửa',
    same: 'Không đổi',
    shift: 'Lệch {{count}} ngày làm việc',
  },
  error: 'Lỗi: {{message}}',
};

const en: typeof vi = {
  title: 'Holidays and working days',
  year: 'Year',
  fromOfficial: 'Start from the official schedule',
  source: {
    stored: 'Province schedule in force',
    official: 'Official schedule (not saved for the province yet)',
    generated: 'Schedule computed from the Labour Code (no official decision yet)',
  },
  save: 'Save {{year}}',
  saved: 'Saved {{year}}. Counters get it at their next sync.',
  unsaved: '{{count}} days differ from the schedule in force',
  choice: {
    ordinary: 'Ordinary day',
    day_off: 'Day off',
    observed: 'Observed day off',
    make_up_workday: 'Make-up working day',
  },
  dayTitle: '{{date}}',
  name: 'Name (shown to officers)',
  apply: 'Apply',
  cancel: 'Cancel',
  effect: {
    title: 'Effect on the appointment date',
    receivedAt: 'Example: dossier received at',
    days: 'Legal time (working days)',
    before: 'With the schedule in force',
    after: 'With the edited schedule',
    same: 'Unchanged',
    shift: 'Moves by {{count}} working days',
  },
  error: 'Error: {{message}}',
};

/** useTranslation() with this page's texts (keys under `holidays.`). */
export const useHolidaysTranslation = featureTexts({ vi: { holidays: vi }, en: { holidays: en } }).useTexts;
