import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { renderSummaryHtml, summaryFileName } from './summary';
import { registerSyncI18n } from './i18n';
import type { EndOfDayReport } from './eod';

const report: EndOfDayReport = {
  startedAt: '2026-11-27T10:29:00.000Z',
  finishedAt: '2026-11-27T10:31:30.000Z',
  sent: 1234,
  received: 5,
  conflicts: 1,
  pending: 0,
  complete: true,
  rejected: [
    {
      id: 'd-<script>',
      collection: 'dossiers',
      reason: 'officer_not_in_office',
      detail: 'actor "x" & <b>',
    },
  ],
  byGroup: {
    dossiers: { sent: 200, received: 1 },
    dossier_events: { sent: 1034, received: 4 },
    catalogue: { sent: 0, received: 0 },
  },
};

async function translator(lng: 'vi' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: {}, fallbackLng: 'vi', interpolation: { escapeValue: false } });
  registerSyncI18n(i18n);
  return (key: string, options?: Record<string, unknown>) => i18n.t(key, options ?? {});
}

const cell = (html: string, testid: string) => new RegExp(`data-testid="${testid}">([^<]*)<`).exec(html)?.[1];

describe('end-of-day summary document', () => {
  it.each([
    [
      'vi',
      'BIÊN BẢN ĐỒNG BỘ DỮ LIỆU CUỐI NGÀY',
      'Cán bộ ghi trong hồ sơ không thuộc văn phòng này',
      'Hoàn tất',
    ],
    [
      'en',
      'END-OF-DAY DATA SYNC REPORT',
      'An officer named in the dossier is not of this office',
      'Complete',
    ],
  ] as const)(
    '%s: title, counts in Vietnamese number format, times in Vietnam time, reasons',
    async (lng, title, reason, complete) => {
      const html = renderSummaryHtml(
        report,
        { officeName: 'UBND xã A', counterName: 'Quầy 2', officerName: 'Bùi Quang Thắng', lang: lng },
        await translator(lng),
      );
      expect(html).toContain(`<html lang="${lng}">`);
      expect(html).toContain('size: A4');
      expect(html).toContain(title);
      expect(cell(html, 'sum-sent')).toBe('1.234');
      expect(cell(html, 'sum-received')).toBe('5');
      expect(cell(html, 'sum-conflicts')).toBe('1');
      expect(cell(html, 'sum-rejected')).toBe('1');
      expect(cell(html, 'sum-pending')).toBe('0');
      expect(cell(html, 'sum-complete')).toBe(complete);
      // 10:29 UTC is 17:29 in Vietnam.
      expect(cell(html, 'sum-started')).toBe('17:29 27/11/2026');
      expect(html).toContain(reason);
    },
  );

  it('escapes what came from documents and the server', async () => {
    const html = renderSummaryHtml(
      report,
      { officeName: '<i>x</i>', counterName: 'Q', officerName: 'O', lang: 'vi' },
      await translator('vi'),
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>x</i>');
    expect(html).toContain('d-&lt;script&gt;');
    expect(html).toContain('&quot;x&quot; &amp; &lt;b&gt;');
  });

  it('leaves the rejected table out when nothing was refused', async () => {
    const html = renderSummaryHtml(
      { ...report, rejected: [] },
      { officeName: 'A', counterName: 'Q', officerName: 'O', lang: 'vi' },
      await translator('vi'),
    );
    expect(html).not.toContain('Danh sách bị từ chối');
    expect(cell(html, 'sum-rejected')).toBe('0');
  });

  it.each([
    ['vi', 'Tệp số hóa đã gửi hôm nay', 'Dữ liệu hồ sơ đã gửi đủ'],
    ['en', 'Scans sent today', "The dossiers' data is all sent"],
  ] as const)(
    '%s: scans sent today and still pending, with the dossiers complete',
    async (lng, label, note) => {
      const html = renderSummaryHtml(
        { ...report, scans: { sentToday: 7, pending: 2, bytesLeft: 3 * 1024 * 1024 } },
        { officeName: 'A', counterName: 'Q', officerName: 'O', lang: lng },
        await translator(lng),
      );
      expect(html).toContain(label);
      expect(cell(html, 'sum-scans-sent')).toBe('7');
      expect(cell(html, 'sum-scans-pending')).toBe('2');
      expect(cell(html, 'sum-scans-left')).toBe('3.0 MB');
      expect(html).toContain(note.replace("'", '&#39;'));
    },
  );

  it('says nothing of scans still going when none are pending, nor without scans', async () => {
    const t = await translator('vi');
    const ctx = { officeName: 'A', counterName: 'Q', officerName: 'O', lang: 'vi' } as const;
    const none = renderSummaryHtml({ ...report, scans: { sentToday: 3, pending: 0, bytesLeft: 0 } }, ctx, t);
    expect(cell(none, 'sum-scans-sent')).toBe('3');
    expect(none).not.toContain('sum-scans-note');
    expect(none).not.toContain('sum-scans-left');
    expect(renderSummaryHtml(report, ctx, t)).not.toContain('sum-scans-sent');
  });

  it.each([
    ['2026-11-27T10:31:30.000Z', 'bien-ban-dong-bo-2026-11-27-1731.html'],
    // 20:05 UTC is already the next day in Vietnam.
    ['2026-11-27T20:05:00.000Z', 'bien-ban-dong-bo-2026-11-28-0305.html'],
  ])('file name of a run finished at %s is %s', (finishedAt, name) => {
    expect(summaryFileName({ ...report, finishedAt })).toBe(name);
  });
});
