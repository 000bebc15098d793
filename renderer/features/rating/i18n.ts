import { namespacedTexts } from '../../i18n/feature-texts';

/** Strings of the citizen's rating screen and of its traces on the counter, under `rating_screen.`. */
const vi = {
  title: 'Đánh giá mức độ hài lòng',
  idle: 'Xin mời Ông/Bà đánh giá sau khi nhận kết quả',
  idle_hint: 'Màn hình sẽ hiện hồ sơ vừa trả kết quả.',
  question: 'Ông/Bà có hài lòng về việc giải quyết hồ sơ này không?',
  dossier: 'Hồ sơ',
  key_hint: 'Chạm vào một lựa chọn hoặc nhấn phím 1, 2, 3',
  reason: 'Xin cho biết lý do không hài lòng',
  reason_required: 'Cần ghi lý do khi không hài lòng',
  send: 'Gửi đánh giá',
  back: 'Chọn lại',
  sending: 'Đang gửi…',
  thanks: 'Cảm ơn Ông/Bà đã đánh giá!',
  failed: 'Chưa ghi nhận được đánh giá: {{message}}. Xin báo cán bộ tại quầy.',
  retry: 'Gửi lại',
  open: 'Đánh giá',
  open_title: 'Mở màn hình đánh giá cho người dân (màn hình thứ hai)',
  attached: 'Đã kết nối màn hình đánh giá',
  detached: 'Chưa kết nối màn hình đánh giá',
  at_return: 'Người dân sẽ tự đánh giá trên màn hình đánh giá sau khi trả kết quả.',
  waiting: 'Đang chờ người dân đánh giá trên màn hình đánh giá…',
  not_recorded: 'Đánh giá của người dân chưa được ghi: {{message}}',
  not_opened: 'Trình duyệt đã chặn cửa sổ màn hình đánh giá. Hãy cho phép cửa sổ bật lên.',
};
const en = {
  title: 'How satisfied are you?',
  idle: 'Please rate our service once you have your result',
  idle_hint: 'The dossier just returned will show here.',
  question: 'Are you satisfied with how this dossier was handled?',
  dossier: 'Dossier',
  key_hint: 'Touch a choice or press 1, 2, 3',
  reason: 'Please tell us why you are dissatisfied',
  reason_required: 'A reason is required when dissatisfied',
  send: 'Send',
  back: 'Choose again',
  sending: 'Sending…',
  thanks: 'Thank you for your rating!',
  failed: 'Your rating was not recorded: {{message}}. Please tell the officer at the counter.',
  retry: 'Send again',
  open: 'Rating',
  open_title: "Open the citizen's rating screen (second display)",
  attached: 'Rating screen connected',
  detached: 'No rating screen connected',
  at_return: 'The citizen will rate on the rating screen after the return.',
  waiting: "Waiting for the citizen's rating on the rating screen…",
  not_recorded: "The citizen's rating was not recorded: {{message}}",
  not_opened: 'The browser blocked the rating window. Allow pop-ups for this site.',
};

/** useTranslation() with the rating texts (keys under `rating_screen.`). */
export const useRatingTranslation = namespacedTexts('rating_screen', vi, en).useTexts;
