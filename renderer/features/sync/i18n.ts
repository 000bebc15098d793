import type { ERROR_CODES, REJECT_REASONS } from '../../../shared/sync/contract';
import { featureTexts } from '../../i18n/feature-texts';

/**
 * Strings of the sync panel and end-of-day sync, kept here (not in renderer/i18n) and added to
 * i18next as extra bundles. `sync.error.*` and `sync.reject.*` are the keys the replication client
 * (client.ts) reports; `syncui.*` are the screens' own.
 */
const viSync = {
  error: {
    offline: 'Không kết nối được máy chủ tỉnh. Dữ liệu vẫn được lưu trên máy và sẽ gửi khi có mạng.',
    unauthenticated: 'Máy chủ không nhận ra thiết bị này. Cần đăng ký lại thiết bị.',
    revoked: 'Thiết bị này đã bị thu hồi quyền đồng bộ. Liên hệ quản trị tỉnh.',
    forbidden: 'Thiết bị không có quyền thực hiện thao tác này.',
    bad_request: 'Máy chủ từ chối yêu cầu vì dữ liệu gửi lên không hợp lệ.',
    not_found: 'Máy chủ không tìm thấy dữ liệu được yêu cầu.',
    enrol_code_invalid: 'Mã đăng ký thiết bị sai, đã dùng hoặc đã hết hạn.',
    rate_limited: 'Máy này đã thử quá nhiều lần. Vui lòng đợi vài phút rồi thử lại.',
    payload_too_large: 'Gói dữ liệu quá lớn, máy chủ không nhận.',
    internal: 'Máy chủ tỉnh đang gặp lỗi. Sẽ tự thử lại.',
    stream: 'Mất kết nối theo dõi thay đổi với máy chủ. Sẽ tự kết nối lại.',
  },
  reject: {
    schema_invalid: 'Dữ liệu không đúng mẫu quy định',
    too_large: 'Hồ sơ quá lớn',
    wrong_office: 'Hồ sơ thuộc văn phòng khác',
    officer_not_in_office: 'Cán bộ ghi trong hồ sơ không thuộc văn phòng này',
    chain_broken: 'Lịch sử xử lý chưa đầy đủ hoặc bị sửa (chuỗi kiểm tra không khớp)',
    history_invalid: 'Các bước xử lý không đúng quy trình',
    events_missing: 'Các bước xử lý của hồ sơ chưa được gửi lên',
    immutable: 'Không được sửa nhật ký xử lý đã ghi',
    read_only_collection: 'Danh mục chỉ được cập nhật từ tỉnh',
    duplicate_code:
      'Mã hồ sơ đã được cấp cho một hồ sơ khác của văn phòng. Hồ sơ được giữ lại để cán bộ giám sát xử lý',
  },
} satisfies { error: Record<(typeof ERROR_CODES)[number] | 'offline' | 'stream', string> } & {
  reject: Record<(typeof REJECT_REASONS)[number], string>;
};

const enSync: typeof viSync = {
  error: {
    offline: 'Cannot reach the provincial server. Work is kept on this PC and sent when the network is back.',
    unauthenticated: 'The server does not recognise this device. It must be enrolled again.',
    revoked: 'This device’s sync access has been revoked. Contact the province administrator.',
    forbidden: 'This device is not allowed to do that.',
    bad_request: 'The server refused the request: the data sent is not valid.',
    not_found: 'The server did not find what was asked for.',
    enrol_code_invalid: 'The enrolment code is wrong, already used or expired.',
    rate_limited: 'Too many attempts from this PC. Wait a few minutes, then try again.',
    payload_too_large: 'The data sent is too large for the server.',
    internal: 'The provincial server has a problem. Retrying automatically.',
    stream: 'Lost the live connection to the server. Reconnecting automatically.',
  },
  reject: {
    schema_invalid: 'The data does not match the required form',
    too_large: 'The dossier is too large',
    wrong_office: 'The dossier belongs to another office',
    officer_not_in_office: 'An officer named in the dossier is not of this office',
    chain_broken: 'The processing history is incomplete or was altered (hash chain mismatch)',
    history_invalid: 'The processing steps break the workflow rules',
    events_missing: 'The dossier’s processing steps have not been sent yet',
    immutable: 'A recorded processing step cannot be changed',
    read_only_collection: 'Catalogues are updated by the province only',
    duplicate_code:
      'The dossier code is already held by another dossier of this office. Both are kept for the supervisor to resolve',
  },
};

const viUi = {
  title: 'Đồng bộ dữ liệu',
  online: 'Trực tuyến',
  offline: 'Ngoại tuyến',
  not_connected: 'Chưa kết nối máy chủ',
  syncing: 'Đang đồng bộ…',
  pending: 'Chờ gửi: {{count}}',
  pending_label: 'Thay đổi chưa gửi',
  last_sync: 'Lần đồng bộ gần nhất',
  never: 'Chưa đồng bộ lần nào',
  progress: 'Đã gửi {{sent}} · Đã nhận {{received}}',
  bootstrap: {
    recent: 'Đang tải hồ sơ đang xử lý và 90 ngày gần nhất: {{done}}/{{total}} hồ sơ',
    history: 'Đang tải hồ sơ cũ (chạy nền, vẫn làm việc bình thường): {{done}}/{{total}} hồ sơ',
    eta: 'còn khoảng {{time}}',
    seconds: '{{count}} giây',
    minutes: '{{count}} phút',
    failed: 'Chưa tải được dữ liệu ban đầu; máy sẽ đồng bộ dần từng hồ sơ.',
    history_failed:
      'Việc tải hồ sơ cũ bị gián đoạn; máy sẽ tự tải tiếp khi có mạng. Hồ sơ cũ chưa có trên máy vẫn tra cứu được trên máy chủ tỉnh.',
    complete: 'Dữ liệu trên máy đầy đủ.',
    partial:
      'Dữ liệu trên máy đầy đủ từ ngày {{date}} (và mọi hồ sơ đang xử lý); hồ sơ cũ hơn đang được tải.',
  },
  sent: 'Đã gửi',
  received: 'Đã nhận',
  conflicts: 'Xung đột',
  clock_warning:
    'Đồng hồ máy tính lệch {{minutes}} phút so với máy chủ tỉnh. Hãy chỉnh lại giờ máy để ngày giờ trên hồ sơ đúng.',
  retry: 'Thử lại',
  retry_all: 'Gửi lại tất cả',
  sync_now: 'Đồng bộ ngay',
  rejected_title: 'Hồ sơ bị máy chủ từ chối ({{count}})',
  rejected_none: 'Không có hồ sơ bị từ chối',
  conflict: {
    title: 'Hồ sơ sửa khác nhau ở hai quầy, chờ giám sát xem xét ({{count}})',
    none: 'Không có xung đột chờ xem xét',
    load_failed: 'Không tải được danh sách xung đột. Kiểm tra kết nối rồi mở lại.',
    offline: 'Danh sách xung đột nằm trên máy chủ tỉnh: sẽ hiện khi có kết nối.',
    dossier: 'Hồ sơ {{code}}',
    kept: 'đang giữ (máy chủ)',
    other: 'quầy khác ghi',
    whole: 'Hai phiên bản không gộp được; máy chủ giữ phiên bản đã có.',
    when: 'Ghi nhận lúc {{at}}',
    resolve: 'Đã xem xét',
    hint: 'Nếu giá trị đang giữ chưa đúng: với điện thoại, thư điện tử, địa chỉ, ghi chú bấm «Dùng giá trị quầy khác»; với thông tin khác, mở hồ sơ xử lý rồi đánh dấu đã xem xét.',
    resolved: 'Đã đánh dấu xung đột là đã xem xét.',
    take: 'Dùng giá trị quầy khác',
    taken: 'Đã sửa «{{field}}» theo giá trị của quầy khác (ghi vào lịch sử hồ sơ) và đánh dấu đã xem xét.',
    taken_more:
      'Đã sửa «{{field}}» theo giá trị của quầy khác (ghi vào lịch sử hồ sơ). Xem các trường còn lại rồi đánh dấu đã xem xét.',
    take_missing: 'Máy này chưa có hồ sơ này. Hãy đồng bộ rồi thử lại.',
    take_not_allowed: 'Vai trò hiện tại không được sửa thông tin liên hệ của hồ sơ này.',
    take_failed: 'Không sửa được: {{message}}',
    resolve_failed: 'Không đánh dấu được: máy chủ không nhận yêu cầu.',
    empty: '(trống)',
    field: {
      status: 'Trạng thái',
      applicant: 'Người nộp',
      documents: 'Thành phần hồ sơ',
      notes: 'Ghi chú',
      dueAt: 'Hẹn trả',
      originalDueAt: 'Hẹn trả ban đầu',
      clockStartAt: 'Bắt đầu tính hạn',
      result: 'Kết quả',
      returnedAt: 'Trả kết quả lúc',
      rating: 'Đánh giá',
      assigneeRole: 'Người xử lý tiếp',
      channel: 'Kênh nộp',
      procedureName: 'Thủ tục',
    },
    applicant_field: {
      kind: 'Loại người nộp',
      fullName: 'Họ và tên',
      idNumber: 'Số CCCD/CMND',
      taxCode: 'Mã số thuế',
      phone: 'Điện thoại',
      email: 'Thư điện tử',
      address: 'Địa chỉ',
    },
  },
  collection: { dossiers: 'Hồ sơ', dossier_events: 'Bước xử lý' },
  retry_failed: 'Máy chủ vẫn từ chối: {{reason}}',
  retry_ok: 'Đã gửi lại thành công',
  open: 'Chi tiết đồng bộ',
  close: 'Đóng',
  enrol: {
    title: 'Đăng ký thiết bị với máy chủ tỉnh',
    body: 'Nhập địa chỉ máy chủ và mã đăng ký một lần do quản trị tỉnh cấp.',
    server_url: 'Địa chỉ máy chủ',
    code: 'Mã đăng ký',
    submit: 'Đăng ký',
    done: 'Đã đăng ký thiết bị, bắt đầu đồng bộ',
    failed: 'Không đăng ký được: {{message}}',
    required: 'Bắt buộc nhập',
    url_invalid: 'Địa chỉ phải bắt đầu bằng http:// hoặc https://',
    receiver_hint:
      'Máy này chưa được đăng ký với máy chủ tỉnh nên hồ sơ chỉ lưu trên máy. Đề nghị bộ phận CNTT hoặc người phụ trách bộ phận một cửa đăng ký máy này (đăng nhập vai trò phụ trách, mở mục Đồng bộ).',
  },
  connect: {
    error: {
      url_invalid:
        'Địa chỉ máy chủ không hợp lệ: phải bắt đầu bằng http:// hoặc https://, ví dụ https://motcua.tinh.gov.vn.',
      code_format: 'Mã đăng ký không hợp lệ: gồm ít nhất 8 chữ và số, ví dụ ABCD-EFGH-JKLM.',
      unreachable: 'Không kết nối được máy chủ. Kiểm tra địa chỉ máy chủ, mạng của máy này rồi thử lại.',
      code_rejected:
        'Máy chủ từ chối mã đăng ký: mã sai, đã được dùng hoặc đã hết hạn. Đề nghị quản trị tỉnh cấp mã mới.',
      counter_not_named:
        'Mã đăng ký này không gắn với quầy nào của cơ quan. Đề nghị quản trị tỉnh cấp mã cho một quầy (enrol-code --counter).',
      no_free_slot:
        'Cơ quan đã hết dải số hồ sơ cho thiết bị mới. Đề nghị quản trị tỉnh thu hồi máy cũ không dùng nữa rồi cấp mã mới.',
      not_a_counter: 'Mã đăng ký này dành cho máy của tỉnh, không dành cho quầy tiếp nhận.',
      rate_limited:
        'Đã thử đăng ký quá nhiều lần. Vui lòng đợi vài phút rồi thử lại (mã đăng ký chưa bị dùng).',
      other_office:
        'Máy này đang giữ dữ liệu của văn phòng khác ({{detail}}), không thể kết nối với văn phòng của mã đăng ký này. Dữ liệu mẫu và dữ liệu thật không bao giờ được trộn lẫn: đề nghị đặt lại máy (xoá dữ liệu trình duyệt/ứng dụng) hoặc dùng một hồ sơ trình duyệt mới, rồi xin mã đăng ký mới.',
      pull_failed:
        'Đã đăng ký nhưng chưa tải xong dữ liệu văn phòng. Kiểm tra mạng rồi bấm "Tải lại" (không cần mã mới).',
      server_error: 'Máy chủ trả lời không đúng. Đề nghị liên hệ quản trị hệ thống.',
    },
    progress: 'Đang tải dữ liệu văn phòng',
    collection: {
      offices: 'Cơ quan',
      counters: 'Quầy',
      officers: 'Cán bộ',
      sectors: 'Lĩnh vực',
      procedures: 'Thủ tục',
      holidays: 'Lịch nghỉ lễ',
    },
    documents: '{{count}} bản ghi',
  },
  eod: {
    button: 'Đồng bộ cuối ngày',
    title: 'Đồng bộ cuối ngày',
    intro:
      'Gửi toàn bộ hồ sơ và bước xử lý trong ngày lên máy chủ tỉnh, nhận mọi thay đổi về, rồi lập biên bản tổng hợp.',
    start: 'Bắt đầu đồng bộ',
    running: 'Đang gửi và nhận dữ liệu…',
    done: 'Đã đồng bộ xong',
    incomplete: 'Chưa đồng bộ xong: không kết nối được máy chủ. Dữ liệu chưa gửi vẫn được giữ trên máy.',
    not_connected: 'Thiết bị chưa được đăng ký với máy chủ tỉnh nên chưa thể đồng bộ.',
    summary: 'Kết quả đồng bộ cuối ngày',
    sent: 'Đã gửi lên',
    received: 'Đã nhận về',
    conflicts: 'Xung đột',
    rejected: 'Bị từ chối',
    pending: 'Còn chờ gửi',
    started: 'Bắt đầu',
    finished: 'Kết thúc',
    rejected_list: 'Danh sách bị từ chối',
    reason: 'Lý do',
    id: 'Mã',
    kind: 'Loại',
    print: 'In biên bản',
    save: 'Lưu tệp',
    again: 'Đồng bộ lại',
    supervisor_only: 'Chỉ cán bộ giám sát được thực hiện đồng bộ cuối ngày.',
    report_title: 'BIÊN BẢN ĐỒNG BỘ DỮ LIỆU CUỐI NGÀY',
    office: 'Đơn vị',
    counter: 'Quầy',
    officer: 'Người thực hiện',
    complete: 'Trạng thái',
    complete_yes: 'Hoàn tất',
    complete_no: 'Chưa hoàn tất',
    signature: 'Người thực hiện (ký, ghi rõ họ tên)',
    scans: 'Tệp số hóa',
    scans_sent_today: 'Tệp số hóa đã gửi hôm nay',
    scans_pending: 'Tệp số hóa còn chờ gửi',
    scans_left: 'Dung lượng còn lại',
    scans_running: 'Tệp số hóa vẫn đang gửi lên',
    scans_data_complete:
      'Dữ liệu hồ sơ đã gửi đủ; các tệp số hóa còn lại sẽ tiếp tục gửi lên sau, không ảnh hưởng đến hồ sơ.',
  },
};

const enUi: typeof viUi = {
  title: 'Data sync',
  online: 'Online',
  offline: 'Offline',
  not_connected: 'Not connected to a server',
  syncing: 'Syncing…',
  pending: 'To send: {{count}}',
  pending_label: 'Local changes not yet sent',
  last_sync: 'Last successful sync',
  never: 'Never synced',
  progress: 'Sent {{sent}} · Received {{received}}',
  bootstrap: {
    recent: 'Downloading open dossiers and the last 90 days: {{done}}/{{total}} dossiers',
    history: 'Downloading older dossiers (in the background, keep working): {{done}}/{{total}} dossiers',
    eta: 'about {{time}} left',
    seconds: '{{count}} s',
    minutes: '{{count}} min',
    failed: 'The first download did not complete; the counter syncs dossier by dossier instead.',
    history_failed:
      'Downloading the older dossiers was interrupted; it resumes by itself when the link is back. Older dossiers not on this counter can still be looked up on the provincial server.',
    complete: 'The data on this counter is complete.',
    partial:
      'The data on this counter is complete from {{date}} (and every open dossier); older dossiers are still arriving.',
  },
  sent: 'Sent',
  received: 'Received',
  conflicts: 'Conflicts',
  clock_warning:
    'This PC’s clock is {{minutes}} minutes off the provincial server. Set the time right so dossier dates are correct.',
  retry: 'Retry',
  retry_all: 'Send all again',
  sync_now: 'Sync now',
  rejected_title: 'Refused by the server ({{count}})',
  rejected_none: 'Nothing refused',
  conflict: {
    title: 'Dossiers changed differently at two counters, awaiting a supervisor ({{count}})',
    none: 'No conflicts awaiting review',
    load_failed: 'Could not load the conflicts. Check the connection and open again.',
    offline: 'The conflicts are kept on the provincial server: they show once it can be reached.',
    dossier: 'Dossier {{code}}',
    kept: 'kept (server)',
    other: 'other counter wrote',
    whole: 'The two versions could not be merged; the server keeps the one it had.',
    when: 'Recorded {{at}}',
    resolve: 'Reviewed',
    hint: 'If the kept value is wrong: for a phone, email, address or the notes press “Use the other counter’s value”; for anything else, open the dossier and act there, then mark it reviewed.',
    resolved: 'The conflict is marked as reviewed.',
    take: 'Use the other counter’s value',
    taken:
      '“{{field}}” corrected to the other counter’s value (recorded in the dossier’s history) and marked reviewed.',
    taken_more:
      '“{{field}}” corrected to the other counter’s value (recorded in the dossier’s history). Look at the other fields, then mark it reviewed.',
    take_missing: 'This PC does not hold the dossier yet. Sync, then try again.',
    take_not_allowed: 'The current role may not correct this dossier’s contact details.',
    take_failed: 'Could not correct it: {{message}}',
    resolve_failed: 'Could not mark it: the server did not accept the request.',
    empty: '(empty)',
    field: {
      status: 'Status',
      applicant: 'Applicant',
      documents: 'Documents',
      notes: 'Notes',
      dueAt: 'Due',
      originalDueAt: 'Original due date',
      clockStartAt: 'Clock started',
      result: 'Result',
      returnedAt: 'Returned at',
      rating: 'Rating',
      assigneeRole: 'Next to act',
      channel: 'Channel',
      procedureName: 'Procedure',
    },
    applicant_field: {
      kind: 'Applicant type',
      fullName: 'Full name',
      idNumber: 'ID number',
      taxCode: 'Tax code',
      phone: 'Phone',
      email: 'Email',
      address: 'Address',
    },
  },
  collection: { dossiers: 'Dossier', dossier_events: 'Processing step' },
  retry_failed: 'Still refused: {{reason}}',
  retry_ok: 'Sent again successfully',
  open: 'Sync details',
  close: 'Close',
  enrol: {
    title: 'Enrol this device with the provincial server',
    body: 'Type the server address and the one-time enrolment code issued by the province administrator.',
    server_url: 'Server address',
    code: 'Enrolment code',
    submit: 'Enrol',
    done: 'Device enrolled, sync started',
    failed: 'Enrolment failed: {{message}}',
    required: 'Required',
    url_invalid: 'The address must start with http:// or https://',
    receiver_hint:
      'This PC is not enrolled with the provincial server, so dossiers stay on this PC only. Ask IT staff or the one-stop supervisor to enrol it (sign in as supervisor, open Sync).',
  },
  connect: {
    error: {
      url_invalid:
        'The server address is not valid: it must start with http:// or https://, e.g. https://motcua.province.gov.vn.',
      code_format: 'The enrolment code is not valid: at least 8 letters and digits, e.g. ABCD-EFGH-JKLM.',
      unreachable:
        'The server could not be reached. Check its address and this PC’s network, then try again.',
      code_rejected:
        'The server refused the enrolment code: wrong, already used or expired. Ask the province administrator for a new one.',
      counter_not_named:
        'This enrolment code names no counter of the office. Ask the province administrator for a code for one counter (enrol-code --counter).',
      no_free_slot:
        'The office has no numbering slot left for a new device. Ask the province administrator to revoke an unused PC, then issue a new code.',
      not_a_counter: 'This enrolment code is for a province device, not a reception counter.',
      rate_limited:
        'Too many enrolment attempts. Wait a few minutes and try again (the code is not used up).',
      other_office:
        'This PC holds another office’s data ({{detail}}) and cannot join the office of this code. Demo and real data never mix: reset this PC (clear the app/browser data) or use a fresh browser profile, then ask for a new code.',
      pull_failed:
        'Enrolled, but the office’s data did not finish downloading. Check the network and press “Download again” (no new code needed).',
      server_error: 'The server gave an unexpected answer. Contact the system administrator.',
    },
    progress: 'Downloading the office’s data',
    collection: {
      offices: 'Office',
      counters: 'Counters',
      officers: 'Officers',
      sectors: 'Sectors',
      procedures: 'Procedures',
      holidays: 'Holiday schedules',
    },
    documents: '{{count}} records',
  },
  eod: {
    button: 'End-of-day sync',
    title: 'End-of-day sync',
    intro:
      'Send every dossier and step of the day to the provincial server, receive every change, then make a summary.',
    start: 'Start sync',
    running: 'Sending and receiving…',
    done: 'Sync finished',
    incomplete: 'Sync not finished: the server could not be reached. Unsent work stays on this PC.',
    not_connected: 'This device is not enrolled with the provincial server, so it cannot sync yet.',
    summary: 'End-of-day sync summary',
    sent: 'Sent',
    received: 'Received',
    conflicts: 'Conflicts',
    rejected: 'Refused',
    pending: 'Still to send',
    started: 'Started',
    finished: 'Finished',
    rejected_list: 'Refused documents',
    reason: 'Reason',
    id: 'Id',
    kind: 'Kind',
    print: 'Print summary',
    save: 'Save file',
    again: 'Sync again',
    supervisor_only: 'Only a supervisor can run the end-of-day sync.',
    report_title: 'END-OF-DAY DATA SYNC REPORT',
    office: 'Office',
    counter: 'Counter',
    officer: 'Run by',
    complete: 'Status',
    complete_yes: 'Complete',
    complete_no: 'Not complete',
    signature: 'Run by (signature and full name)',
    scans: 'Scans',
    scans_sent_today: 'Scans sent today',
    scans_pending: 'Scans still to send',
    scans_left: 'Left to send',
    scans_running: 'Scans are still going up',
    scans_data_complete:
      "The dossiers' data is all sent; the remaining scans keep going up afterwards and do not hold the dossiers back.",
  },
};

export const syncResources = {
  vi: { sync: viSync, syncui: viUi },
  en: { sync: enSync, syncui: enUi },
} as const;

/**
 * Adds the bundles to i18next's `translation` namespace. Deep merge without overwriting, so a key
 * the app's own bundles already define keeps the app's text.
 */
const texts = featureTexts(syncResources);
export const registerSyncI18n = texts.register;

/** useTranslation() with this folder's bundles added to the app's i18next on first use. */
export const useSyncTranslation = texts.useTexts;
