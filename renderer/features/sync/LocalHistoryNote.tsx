import { useSyncExternalStore } from 'react';
import { Typography } from 'antd';
import { useSyncTranslation as useTranslation } from './i18n';
import { formatDate } from '../../app/format';
import { localHistoryStatus } from './bootstrap-counter';

/**
 * One line saying which period the replica holds completely (./bootstrap-counter.ts): a report
 * built here counts only what is local, so the supervisor knows when older dossiers are missing.
 */
export function LocalHistoryNote() {
  const { t } = useTranslation();
  const history = useSyncExternalStore(localHistoryStatus.subscribe, localHistoryStatus.get);
  if (!history) return null;
  return (
    <Typography.Text
      type={history.complete ? 'secondary' : 'warning'}
      data-testid="local-history"
      data-complete={String(history.complete)}
    >
      {history.complete
        ? t('syncui.bootstrap.complete')
        : t('syncui.bootstrap.partial', { date: history.from ? formatDate(history.from) : '…' })}
    </Typography.Text>
  );
}
