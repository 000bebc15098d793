import { useSyncExternalStore } from 'react';
import { Progress, Typography } from 'antd';
import { useSyncTranslation as useTranslation } from './i18n';
import { formatNumber } from '../../app/format';
import { bootstrapStatus } from './bootstrap-counter';

/**
 * The first download's progress bar with an estimate (./bootstrap-counter.ts): shown while the
 * recent phase (the counter waits for it) or the history (in the background) is arriving.
 */
export function BootstrapProgressBar({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const progress = useSyncExternalStore(bootstrapStatus.subscribe, bootstrapStatus.get);
  if (!progress || progress.phase === 'done') return null;
  if (progress.phase === 'failed')
    return compact ? null : <Typography.Text type="warning">{t('syncui.bootstrap.failed')}</Typography.Text>;
  const total = Math.max(progress.dossiers, progress.dossiersWritten);
  const percent = total === 0 ? 0 : Math.floor((progress.dossiersWritten * 100) / total);
  const eta =
    progress.etaMs === null
      ? ''
      : progress.etaMs < 90_000
        ? t('syncui.bootstrap.seconds', { count: Math.ceil(progress.etaMs / 1000) })
        : t('syncui.bootstrap.minutes', { count: Math.ceil(progress.etaMs / 60_000) });
  return (
    <div
      data-testid="bootstrap-progress"
      data-phase={progress.phase}
      data-done={progress.dossiersWritten}
      data-total={total}
      style={compact ? { display: 'inline-block', minWidth: 160, verticalAlign: 'middle' } : undefined}
    >
      <Progress percent={percent} size="small" status="active" showInfo={!compact} />
      {!compact && (
        <Typography.Text type="secondary">
          {t(`syncui.bootstrap.${progress.phase}`, {
            done: formatNumber(progress.dossiersWritten),
            total: formatNumber(total),
          })}
          {eta && ` · ${t('syncui.bootstrap.eta', { time: eta })}`}
        </Typography.Text>
      )}
    </div>
  );
}
