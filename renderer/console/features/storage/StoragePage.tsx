import { Button, Card, Col, Row, Statistic } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useApiData } from '../../app/useApiData';
import '../reports/i18n';

const storageSchema = z.object({
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  uploads: z.number().int().nonnegative(),
});
type Storage = z.infer<typeof storageSchema>;

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** A size in bytes as people read it: 1,5 GB. */
export function formatBytes(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${number} ${UNITS[unit]}`;
}

/** The scan files the provincial server holds: how many, their total size, the uploads in progress. */
export function StoragePage() {
  const { t, i18n } = useTranslation();
  const load = useCallback(() => api('GET', '/storage', storageSchema), []);
  const { data, error, reload } = useApiData<Storage | null>(load, null);
  const locale = i18n.language === 'en' ? 'en-GB' : 'vi-VN';
  return (
    <Card
      title={t('consoleReports.storage.title')}
      extra={<Button onClick={reload}>{t('consoleReports.storage.refresh')}</Button>}
      data-testid="console-storage"
    >
      <ErrorAlert message={error} />
      {data && (
        <Row gutter={16}>
          {(
            [
              ['files', new Intl.NumberFormat(locale).format(data.files)],
              ['size', formatBytes(data.bytes, locale)],
              ['uploads', new Intl.NumberFormat(locale).format(data.uploads)],
            ] as const
          ).map(([figure, value]) => (
            <Col span={8} key={figure}>
              <Statistic
                title={t(`consoleReports.storage.${figure}`)}
                value={value}
                data-testid={`storage-${figure}`}
              />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
