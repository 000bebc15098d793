import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ServerSearch } from './service';

/** Where a search nothing local matched stands with the provincial server. */
export type ServerLookupState =
  | { phase: 'searching'; text: string }
  | { phase: 'answered'; text: string; answer: ServerSearch }
  | { phase: 'failed'; text: string; message: string };

const TYPE = { info: 'info', success: 'success', warning: 'warning', error: 'error' } as const;

/** The line under the search boxes: searching the server, what it found, or why it could not. */
export function ServerLookupNotice({ state }: { state: ServerLookupState }) {
  const { t } = useTranslation();
  const [type, title, status] = ((): [keyof typeof TYPE, string, string] => {
    if (state.phase === 'searching') return ['info', t('queue.server_searching'), 'searching'];
    if (state.phase === 'failed')
      return ['error', t('queue.server_error', { message: state.message }), 'error'];
    const { answer } = state;
    switch (answer.status) {
      case 'found':
        return answer.more
          ? ['info', t('queue.server_more'), 'found']
          : ['success', t('queue.server_found'), 'found'];
      case 'none':
        return ['warning', t('queue.server_none', { text: state.text }), 'none'];
      case 'offline':
        return ['warning', t('queue.server_offline'), 'offline'];
      case 'no_server':
        return ['warning', t('queue.server_no_server'), 'no_server'];
      case 'unsupported':
        return ['warning', t('queue.server_unsupported'), 'unsupported'];
    }
  })();
  return (
    <Alert
      type={TYPE[type]}
      showIcon
      title={title}
      data-testid="server-lookup"
      data-state={status}
      style={{ marginTop: 8 }}
    />
  );
}
