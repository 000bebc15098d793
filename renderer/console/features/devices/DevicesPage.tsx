import { Alert, Button, Card, Space, Table, Tag, Tooltip } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminDeviceSchema, listOf, okSchema, type AdminDevice } from '../../../../shared/admin/contract';
import { api } from '../../app/api';
import { ConfirmButton } from '../../app/ConfirmButton';
import { errorText } from '../../app/errors';
import type { ConsolePageProps } from '../../app/page';
import { useApiData } from '../../app/useApiData';

/**
 * Enrolled devices with their last contact; revoke (lost, stolen) or retire (replaced) one: it is
 * refused from its next request and its numbering slot retired. The app version, clock offset and
 * pending changes are what the counter reported at its last sync; unknown before it has synced.
 */
export function DevicesPage({ offices }: ConsolePageProps) {
  const { t, i18n } = useTranslation();
  const [failed, setError] = useState<string | null>(null);
  const load = useCallback(async () => (await api('GET', '/devices', listOf(adminDeviceSchema))).items, []);
  const { data: devices, error: loadError, reload } = useApiData(load, [] as AdminDevice[]);
  const error = failed ?? loadError;

  const revoke = async (d: AdminDevice, reason: 'revoked' | 'retired') => {
    setError(null);
    try {
      await api('POST', `/devices/${encodeURIComponent(d.id)}/revoke`, okSchema, { reason });
      reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const when = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN') : t('devices.never');
  const unknown = (
    <Tooltip title={t('devices.unknown_hint')}>
      <span>{t('devices.unknown')}</span>
    </Tooltip>
  );
  const officeName = (id: string) => offices.find((o) => o.id === id)?.name ?? id;

  return (
    <Card extra={<Button onClick={reload}>{t('devices.refresh')}</Button>}>
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="devices-error" />
      )}
      <Table<AdminDevice>
        rowKey="id"
        size="small"
        dataSource={devices}
        onRow={(d) =>
          ({
            'data-testid': 'device-row',
            'data-id': d.id,
            'data-counter': d.counterId,
            'data-revoked': String(d.revokedAt !== null),
          }) as object
        }
        columns={[
          { title: t('devices.name'), dataIndex: 'name' },
          { title: t('devices.office'), render: (_, d) => officeName(d.officeId) },
          { title: t('devices.counter'), dataIndex: 'counterId' },
          { title: t('devices.enrolled'), render: (_, d) => when(d.enrolledAt) },
          { title: t('devices.last_seen'), render: (_, d) => when(d.lastSeenAt) },
          { title: t('devices.app_version'), render: (_, d) => d.appVersion ?? unknown },
          {
            title: t('devices.clock_offset'),
            render: (_, d) =>
              d.clockOffsetMs === null ? unknown : `${Math.round(d.clockOffsetMs / 1000)} s`,
          },
          { title: t('devices.pending'), render: (_, d) => d.pending ?? unknown },
          {
            title: '',
            render: (_, d) =>
              d.revokedAt ? (
                <Tag>{t('devices.revoked_at', { at: when(d.revokedAt) })}</Tag>
              ) : (
                <Space>
                  <ConfirmButton
                    question={t('devices.revoke_confirm')}
                    label={t('devices.revoke')}
                    onConfirm={() => void revoke(d, 'revoked')}
                    testId="device-revoke"
                    danger
                  />
                  <ConfirmButton
                    question={t('devices.retire_confirm')}
                    label={t('devices.retire')}
                    onConfirm={() => void revoke(d, 'retired')}
                    testId="device-retire"
                  />
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}
