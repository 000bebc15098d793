import { useEffect, useState } from 'react';
import { Alert, Card, Progress, Typography } from 'antd';
import { formatBitRate, formatBytes, useScansTranslation } from './i18n';
import { scanHost, type ScanHost } from './host';
import type { ScanQueueState } from './uploader';

/** The scans' upload queue in the sync panel: files pending, bytes left, speed and progress. */
export function ScanQueueStatus({ host = scanHost }: { host?: ScanHost }) {
  const { t } = useScansTranslation();
  const [state, setState] = useState<ScanQueueState | null>(() => host.queueSnapshot);
  useEffect(() => {
    const sub = host.queue$.subscribe(setState);
    return () => sub.unsubscribe();
  }, [host]);
  if (!state) return null;
  const current = state.current;
  return (
    <Card
      size="small"
      title={t('scan.queue_title')}
      data-testid="scan-queue"
      data-files={state.files}
      data-bytes-left={state.bytesLeft}
      data-rate-cap={state.rateCap ?? undefined}
    >
      {state.files === 0 ? (
        <Typography.Text type="secondary">{t('scan.queue_none')}</Typography.Text>
      ) : (
        <>
          <Typography.Text>{t('scan.queue_files', { count: state.files })}</Typography.Text>
          <br />
          <Typography.Text>{t('scan.queue_left', { size: formatBytes(state.bytesLeft) })}</Typography.Text>
          {state.bytesPerSecond > 0 && (
            <>
              <br />
              <Typography.Text type="secondary">
                {t('scan.queue_speed', { speed: formatBytes(state.bytesPerSecond) })}
              </Typography.Text>
            </>
          )}
          {current && (
            <Progress percent={Math.floor((current.sent / Math.max(1, current.size)) * 100)} size="small" />
          )}
        </>
      )}
      {state.rateCap !== null && (
        <div>
          <Typography.Text type="secondary" data-testid="scan-rate-cap">
            {t('scan.queue_cap', { rate: formatBitRate(state.rateCap) })}
          </Typography.Text>
        </div>
      )}
      {state.lastError && (
        <Alert
          type="warning"
          title={t('scan.queue_error', { message: t(state.lastError, { defaultValue: state.lastError }) })}
          style={{ marginTop: 8 }}
        />
      )}
    </Card>
  );
}
