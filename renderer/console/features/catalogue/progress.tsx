import { Progress, Typography } from 'antd';
import type { TransferProgress } from './service';
import { useCatalogueTranslation } from './i18n';

/** One line of progress for a long import or export (a bar when the total is known). */
export function TransferProgressLine({ progress }: { progress: TransferProgress | null }) {
  const { t } = useCatalogueTranslation();
  if (!progress) return null;
  const done = progress.phase === 'downloading' ? Math.round(progress.done / 1024) : progress.done;
  const percent = progress.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  return (
    <div data-testid="catalogue-progress" data-phase={progress.phase}>
      <Typography.Text type="secondary">
        {t(`catalogue.phase.${progress.phase}`, { done, total: progress.total ?? '…' })}
      </Typography.Text>
      {percent !== null && <Progress percent={percent} size="small" />}
    </div>
  );
}
