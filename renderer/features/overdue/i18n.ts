import { namespacedTexts } from '../../i18n/feature-texts';

/** Strings of the overdue watch (the supervisor's list and the queue's tags), under `overdue.`. */
const vi = {
  nav: 'Quá hạn',
  nav_title: 'Theo dõi hồ sơ quá hạn và sắp đến hạn',
  title: 'Hồ sơ quá hạn và sắp đến hạn',
  intro:
    'Hồ sơ đang giải quyết đã quá hạn hoặc đến hạn trong một ngày làm việc tới. Hồ sơ có nguy cơ trễ hạn phải có văn bản xin lỗi và hẹn lại ngày trả (mẫu 04).',
  tag_overdue: 'Quá hạn',
  tag_overdue_days: 'Quá hạn {{count}} ngày làm việc',
  tag_due_soon: 'Sắp đến hạn',
  count_overdue: 'Đang quá hạn',
  count_due_soon: 'Đến hạn trong 1 ngày làm việc',
  col_watch: 'Theo dõi',
  col_apology: 'Xin lỗi, hẹn lại (mẫu 04)',
  apology_open: 'Lập thư xin lỗi (mẫu 04)',
  apology_done: 'Đã hẹn lại',
  apology_view: 'Xem, in mẫu 04',
  empty: 'Không có hồ sơ quá hạn hoặc sắp đến hạn',
  forbidden: 'Chỉ Giám sát, Lãnh đạo hoặc Quản trị xem được danh sách này.',
  as_of: 'Tính đến {{time}}',
};
const en = {
  nav: 'Overdue',
  nav_title: 'Overdue and due-soon dossiers',
  title: 'Overdue and due-soon dossiers',
  intro:
    'Dossiers in progress past their appointment or due within the next working day. A dossier that will be late needs an apology letter with a new date (form 04).',
  tag_overdue: 'Overdue',
  tag_overdue_days: 'Overdue {{count}} working days',
  tag_due_soon: 'Due soon',
  count_overdue: 'Overdue',
  count_due_soon: 'Due within 1 working day',
  col_watch: 'Watch',
  col_apology: 'Apology, new date (form 04)',
  apology_open: 'Write the apology (form 04)',
  apology_done: 'New date set',
  apology_view: 'View, print form 04',
  empty: 'No overdue or due-soon dossiers',
  forbidden: 'Only the supervisor, the approver or the admin sees this list.',
  as_of: 'As of {{time}}',
};

/** useTranslation() with the overdue texts (keys under `overdue.`). */
export const useOverdueTranslation = namespacedTexts('overdue', vi, en).useTexts;
