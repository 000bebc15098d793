import { useSyncExternalStore } from 'react';
import { Progress, Tooltip, Typography } from 'antd';
import { useSyncTranslation as useTranslation } from './i18n';
import { formatNumber } from '../../app/format';
import { bootstrapStatus, localHistoryStatus } from './bootstrap-counter';

/**
 * The first download's progress bar with an estimate (./bootstrap-counter.ts): shown while the
 * recent phase or the history (in the background) is arriving. The counter never waits for it: the
 * header's compact bar keeps the estimate in view, the sync panel says it in full.
 */
export function BootstrapProgressBar({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const progress = useSyncExternalStore(bootstrapStatus.subscribe, bootstrapStatus.get, bootstrapStatus.get);
  const history = useSyncExternalStore(
    localHistoryStatus.subscribe,
    localHistoryStatus.get,
    localHistoryStatus.get,
  );
  if (!progress || progress.phase === 'done') return null;
  if (progress.phase === 'failed') {
    // The recent phase is in (its window recorded): only the older history stopped, and the pull
    // does not bring it (it starts after the snapshot); the next start of the app resumes it.
    const historyStopped = history?.complete === false && history.from !== null;
    if (compact) return null;
    return (
      <Typography.Text type="warning" data-testid="bootstrap-failed">
        {t(historyStopped ? 'syncui.bootstrap.history_failed' : 'syncui.bootstrap.failed')}
      </Typography.Text>
    );
  }
  const total = Math.max(progress.dossiers, progress.dossiersWritten);
  const percent = total === 0 ? 0 : Math.floor((progress.dossiersWritten * 100) / total);
  const eta =
    progress.etaMs === null
      ? ''
      : progress.etaMs < 90_000
        ? t('syncui.bootstrap.seconds', { count: Math.ceil(progress.etaMs / 1000) })
        : t('syncui.bootstrap.minutes', { count: Math.ceil(progress.etaMs / 60_000) });
  const line =
    t(`syncui.bootstrap.${progress.phase}`, {
      done: formatNumber(progress.dossiersWritten),
      total: formatNumber(total),
    }) + (eta ? ` · ${t('syncui.bootstrap.eta', { time: eta })}` : '');
  const attributes = {
    'data-testid': 'bootstrap-progress',
    'data-phase': progress.phase,
    'data-done': progress.dossiersWritten,
    'data-total': total,
    'data-eta': eta,
  };
  if (compact)
    return (
      <Tooltip title={line}>
        <span
          {...attributes}
          style={{ display: 'inline-flex', alignItems: 'center', gap: 8, verticalAlign: 'middle' }}
        >
          <Progress percent={percent} size="small" status="active" showInfo={false} style={{ width: 120 }} />
          {eta && <span style={{ color: '#fff', fontSize: 12, whiteSpace: 'nowrap' }}>{eta}</span>}
        </span>
      </Tooltip>
    );
  return (
    <div {...attributes}>
      <Progress percent={percent} size="small" status="active" />
      <Typography.Text type="secondary">{line}</Typography.Text>
    </div>
  );
}
