import { featureTexts } from '../../i18n/feature-texts';

/**
 * Strings of the scans (số hóa), a feature's own texts (renderer/i18n/feature-texts.ts): `scan.*` for the
 * screens and messages, the attach step's label and the workflow's refusals of it.
 */
const vi = {
  scan: {
    title: 'Số hóa thành phần hồ sơ',
    result_title: 'Số hóa kết quả',
    result: 'Kết quả giải quyết (phiếu kết quả đã ký / bản quét có dấu)',
    pick: 'Chọn tệp hoặc kéo thả vào đây',
    hint: 'PDF, JPEG hoặc PNG, tối đa {{max}} MB',
    digitised: 'Đã số hóa',
    not_digitised: 'Chưa số hóa',
    open: 'Xem',
    attached: 'Đã đính kèm «{{name}}»',
    empty: 'Tệp rỗng, không đính kèm được.',
    too_large: 'Tệp quá lớn: tối đa {{max}} MB mỗi tệp.',
    type_not_allowed: 'Chỉ nhận tệp PDF, JPEG hoặc PNG.',
    hash_mismatch: 'Tệp nhận về bị hỏng (mã kiểm tra không khớp). Hãy thử lại.',
    not_on_server: 'Tệp chưa có trên máy chủ tỉnh (quầy đính kèm chưa gửi lên). Hãy thử lại sau.',
    fetch_failed: 'Không tải được tệp từ máy chủ tỉnh. Kiểm tra kết nối rồi thử lại.',
    offline_not_here: 'Tệp nằm ở quầy khác; máy này chưa kết nối máy chủ tỉnh để tải về.',
    missing_locally: 'Không tìm thấy tệp trên máy này.',
    viewer: 'Xem tệp số hóa',
    page: 'Trang {{page}} / {{pages}}',
    zoom_in: 'Phóng to',
    zoom_out: 'Thu nhỏ',
    loading: 'Đang mở tệp…',
    queue_title: 'Tệp số hóa chờ gửi',
    queue_files: 'Tệp chờ gửi: {{count}}',
    queue_left: 'Còn lại: {{size}}',
    queue_speed: 'Tốc độ: {{speed}}/giây',
    queue_none: 'Không có tệp chờ gửi',
    queue_cap: 'Giới hạn tốc độ gửi (do bộ phận CNTT đặt): {{rate}}',
    queue_error: 'Lần gửi gần nhất lỗi: {{message}} (sẽ tự thử lại)',
    folder_new: 'Tệp mới từ máy quét: {{name}}',
    folder_document: 'Thành phần hồ sơ',
    folder_attach: 'Đính kèm',
    folder_not_offered: 'Tệp này không còn trong thư mục máy quét.',
  },
  step: { attach_scan: 'Đính kèm bản số hóa' },
  workflow: {
    scan_document_unknown: 'Thành phần này không có trong hồ sơ',
    scan_result_not_ready: 'Chỉ số hóa kết quả sau khi hồ sơ đã có kết quả (đã đóng dấu)',
  },
};

const en: typeof vi = {
  scan: {
    title: 'Digitised documents',
    result_title: 'Digitised result',
    result: 'Result (signed result slip / scan of the stamped paper)',
    pick: 'Choose a file or drop it here',
    hint: 'PDF, JPEG or PNG, up to {{max}} MB',
    digitised: 'Digitised',
    not_digitised: 'Not digitised',
    open: 'View',
    attached: 'Attached “{{name}}”',
    empty: 'The file is empty and cannot be attached.',
    too_large: 'The file is too large: at most {{max}} MB per file.',
    type_not_allowed: 'Only PDF, JPEG or PNG files are accepted.',
    hash_mismatch: 'The file received is corrupt (checksum mismatch). Try again.',
    not_on_server:
      'The file is not on the provincial server yet (the counter that attached it has not sent it). Try again later.',
    fetch_failed:
      'Could not download the file from the provincial server. Check the connection and try again.',
    offline_not_here:
      'The file is on another counter; this PC is not connected to the provincial server to fetch it.',
    missing_locally: 'The file is not on this PC.',
    viewer: 'Digitised file',
    page: 'Page {{page}} / {{pages}}',
    zoom_in: 'Zoom in',
    zoom_out: 'Zoom out',
    loading: 'Opening the file…',
    queue_title: 'Scans waiting to be sent',
    queue_files: 'Files waiting: {{count}}',
    queue_left: 'Left: {{size}}',
    queue_speed: 'Speed: {{speed}}/s',
    queue_none: 'No files waiting',
    queue_cap: 'Upload rate cap (set by IT staff): {{rate}}',
    queue_error: 'The last send failed: {{message}} (retrying automatically)',
    folder_new: 'New file from the scanner: {{name}}',
    folder_document: 'Document',
    folder_attach: 'Attach',
    folder_not_offered: 'This file is no longer in the scanner folder.',
  },
  step: { attach_scan: 'Attach a digitised copy' },
  workflow: {
    scan_document_unknown: 'This document is not part of the dossier',
    scan_result_not_ready: 'The result is digitised once the dossier has one (sealed)',
  },
};

const texts = featureTexts({ vi, en });

/** Adds the scans' tables to an i18next instance once (the service's messages use the app's). */
export const registerScansI18n = texts.register;

/** useTranslation() with the scans' texts (`scan.*`, the attach step, its refusals) registered. */
export const useScansTranslation = texts.useTexts;

/** Bytes as the officer reads them (KB / MB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(0, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A rate cap (bytes a second) in the unit IT staff set it in: kbit/s, or Mbit/s from 1000 up. */
export function formatBitRate(bytesPerSecond: number): string {
  const kbps = (bytesPerSecond * 8) / 1000;
  if (kbps < 1000) return `${Math.round(kbps)} kbit/s`;
  return `${Number((kbps / 1000).toFixed(1))} Mbit/s`;
}
