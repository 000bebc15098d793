import { Tag } from 'antd';
import type { DeadlineWatch } from '../../../shared/workflow/watch';
import { useOverdueTranslation } from './i18n';

/** The overdue watch's tag on a dossier row: red when overdue, orange when due within a working day. */
export function WatchTag({ watch, daysLate }: { watch: DeadlineWatch; daysLate?: number }) {
  const { t } = useOverdueTranslation();
  if (watch !== 'overdue' && watch !== 'due_soon') return null;
  const text =
    watch === 'due_soon'
      ? t('overdue.tag_due_soon')
      : daysLate
        ? t('overdue.tag_overdue_days', { count: daysLate })
        : t('overdue.tag_overdue');
  return (
    <Tag color={watch === 'overdue' ? 'red' : 'orange'} data-testid="watch-tag" data-watch={watch}>
      {text}
    </Tag>
  );
}
