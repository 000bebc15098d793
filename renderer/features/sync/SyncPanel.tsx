import { useContext, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Badge,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  List,
  Progress,
  Typography,
} from 'antd';
import { useSyncTranslation as useTranslation } from './i18n';
import type { SyncState } from './client';
import { SessionContext } from '../../app/services';
import { formatDateTime, formatNumber } from '../../app/format';
import { ConflictList } from './ConflictList';
import { ScanQueueStatus } from '../scans/ScanQueueStatus';
import { EndOfDaySync } from './EndOfDaySync';
import { BootstrapProgressBar } from './BootstrapProgress';
import { LocalHistoryNote } from './LocalHistoryNote';
import { EnrolFields, enrolFieldTexts } from './EnrolFields';
import { useSyncHost, useSyncState } from './hooks';
import type { Enroller, SyncHandle, SyncHost } from './host';
import { EnrolmentError } from './enrol-office';
import type { SummaryOutput } from './output';

export interface SyncPanelProps {
  host: SyncHost;
  /** Print/save of the end-of-day summary; web mode's browser print and download by default. */
  output?: SummaryOutput;
}

type Tone = 'success' | 'processing' | 'default' | 'error' | 'warning';

function tone(state: SyncState | null): Tone {
  if (!state) return 'default';
  if (state.errors.length > 0 && state.online) return 'error';
  if (state.syncing) return 'processing';
  if (!state.online) return 'default';
  if (state.rejected.length > 0 || state.clockWarning) return 'warning';
  return 'success';
}

/**
 * The sync status everyone sees: compact in the header (online/offline, changes waiting), and a
 * drawer with the details: last successful sync, progress, clock warning, errors with a retry,
 * documents the server refused (each retryable by hand), and the supervisor's end-of-day sync.
 * Its data attributes mirror the state so end-to-end tests wait on them.
 */
export function SyncPanel({ host, output }: SyncPanelProps) {
  const { t } = useTranslation();
  const { client, enrol } = useSyncHost(host);
  const state = useSyncState(client);
  const session = useContext(SessionContext);
  const [open, setOpen] = useState(false);
  const [eodOpen, setEodOpen] = useState(false);

  const label = !client
    ? t('syncui.not_connected')
    : state?.syncing
      ? t('syncui.syncing')
      : state?.online
        ? t('syncui.online')
        : t('syncui.offline');

  return (
    <>
      <Button
        type="text"
        size="small"
        onClick={() => setOpen(true)}
        aria-label={t('syncui.open')}
        data-testid="sync-panel"
        data-connected={String(client !== null)}
        data-online={String(state?.online ?? false)}
        data-syncing={String(state?.syncing ?? false)}
        data-pending={state?.pending ?? 0}
        data-rejected={state?.rejected.length ?? 0}
        data-errors={state?.errors.join(' ') ?? ''}
        data-last-sync={state?.lastSyncAt ?? ''}
        data-clock-warning={String(state?.clockWarning ?? false)}
        style={{ color: 'inherit' }}
      >
        <Badge status={tone(state)} />
        <span style={{ color: '#fff' }}>
          {label}
          {state && state.pending > 0 && ` · ${t('syncui.pending', { count: state.pending })}`}
        </span>
        {state?.clockWarning && <Badge status="warning" />}
      </Button>
      <BootstrapProgressBar compact />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('syncui.title')}
        size={460}
        data-testid="sync-drawer"
        destroyOnHidden
      >
        {client && state ? (
          <Details client={client} state={state} onEndOfDay={() => setEodOpen(true)} />
        ) : enrol && (session?.role === 'admin' || session?.role === 'supervisor') ? (
          <EnrolForm enrol={enrol} />
        ) : (
          <Alert
            type="info"
            showIcon
            title={t('syncui.not_connected')}
            description={enrol ? t('syncui.enrol.receiver_hint') : undefined}
            data-testid="sync-enrol-hint"
          />
        )}
      </Drawer>
      <EndOfDaySync client={client} open={eodOpen} onClose={() => setEodOpen(false)} output={output} />
    </>
  );
}

function Details({
  client,
  state,
  onEndOfDay,
}: {
  client: SyncHandle;
  state: SyncState;
  onEndOfDay: () => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const session = useContext(SessionContext);
  const [retrying, setRetrying] = useState<string | null>(null);

  const retryAll = async () => {
    setRetrying('*');
    try {
      client.resync();
      await client.retryRejected(false);
    } finally {
      setRetrying(null);
    }
  };
  const retryOne = async (id: string) => {
    setRetrying(id);
    try {
      if (await client.retry(id)) void message.success(t('syncui.retry_ok'));
      else {
        const entry = client.snapshot.rejected.find((r) => r.id === id);
        void message.error(t('syncui.retry_failed', { reason: entry ? t(entry.messageKey) : '' }));
      }
    } catch {
      // The client has already recorded the error (offline, server down) in its state.
    } finally {
      setRetrying(null);
    }
  };
  const minutes = Math.round(Math.abs(state.clockOffsetMs ?? 0) / 60_000);

  return (
    <Flex vertical gap={16} data-testid="sync-details">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('syncui.title')}>
          <Badge
            status={tone(state)}
            text={
              state.syncing ? t('syncui.syncing') : state.online ? t('syncui.online') : t('syncui.offline')
            }
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('syncui.pending_label')}>
          <span data-testid="sync-pending">{formatNumber(state.pending)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('syncui.last_sync')}>
          <span data-testid="sync-last">
            {state.lastSyncAt ? formatDateTime(state.lastSyncAt) : t('syncui.never')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('syncui.conflicts')}>{formatNumber(state.conflicts)}</Descriptions.Item>
      </Descriptions>
      <ScanQueueStatus />
      <BootstrapProgressBar />
      <LocalHistoryNote />

      {state.syncing && (
        <div data-testid="sync-progress">
          <Progress percent={100} status="active" showInfo={false} />
          <Typography.Text type="secondary">
            {t('syncui.progress', {
              sent: formatNumber(state.progress.sent),
              received: formatNumber(state.progress.received),
            })}
          </Typography.Text>
        </div>
      )}

      {state.clockWarning && (
        <Alert
          type="warning"
          showIcon
          title={t('syncui.clock_warning', { minutes })}
          data-testid="sync-clock"
        />
      )}

      {state.errors.map((key) => (
        <Alert
          key={key}
          type={key === 'sync.error.offline' ? 'info' : 'error'}
          showIcon
          title={t(key, { defaultValue: t('sync.error.internal') })}
          data-testid="sync-error"
          data-key={key}
          action={
            <Button size="small" onClick={() => client.resync()} data-testid="sync-error-retry">
              {t('syncui.retry')}
            </Button>
          }
        />
      ))}

      <Flex gap={8} wrap>
        <Button onClick={() => void retryAll()} loading={retrying === '*'} data-testid="sync-now">
          {t('syncui.sync_now')}
        </Button>
        {session?.role === 'supervisor' && (
          <Button type="primary" onClick={onEndOfDay} data-testid="eod-open">
            {t('syncui.eod.button')}
          </Button>
        )}
      </Flex>

      <List
        size="small"
        bordered
        header={
          state.rejected.length
            ? t('syncui.rejected_title', { count: state.rejected.length })
            : t('syncui.rejected_none')
        }
        dataSource={state.rejected}
        data-testid="sync-rejected"
        renderItem={(r) => (
          <List.Item
            data-testid="sync-rejected-item"
            data-id={r.id}
            data-reason={r.reason}
            actions={[
              <Button
                key="retry"
                size="small"
                loading={retrying === r.id}
                onClick={() => void retryOne(r.id)}
                data-testid="sync-rejected-retry"
              >
                {t('syncui.retry')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={`${t(`syncui.collection.${r.collection}`)} ${r.id}`}
              description={
                <>
                  <div>{t(r.messageKey)}</div>
                  {r.detail && <Typography.Text type="secondary">{r.detail}</Typography.Text>}
                </>
              }
            />
          </List.Item>
        )}
      />

      {session?.role === 'supervisor' && (
        <ConflictList client={client} count={state.conflicts} online={state.online} />
      )}
    </Flex>
  );
}

function EnrolForm({ enrol }: { enrol: Enroller }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: { serverUrl: string; code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await enrol(values);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      setError(
        e instanceof EnrolmentError
          ? t(`syncui.connect.error.${e.reason}`, { detail: e.detail ?? '' })
          : typeof code === 'string'
            ? t(`sync.error.${code}`, { defaultValue: e instanceof Error ? e.message : String(e) })
            : t('sync.error.offline'),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<{ serverUrl: string; code: string }>
      layout="vertical"
      onFinish={(v) => void submit(v)}
      data-testid="sync-enrol"
      initialValues={{ serverUrl: '', code: '' }}
    >
      <EnrolFields
        texts={enrolFieldTexts(t, 'syncui.enrol')}
        testIds={{ url: 'sync-enrol-url', code: 'sync-enrol-code' }}
        urlPlaceholder="https://motcua.example.gov.vn"
      />
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('syncui.enrol.failed', { message: error })}
          data-testid="sync-enrol-error"
          style={{ marginBottom: 12 }}
        />
      )}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="sync-enrol-submit">
        {t('syncui.enrol.submit')}
      </Button>
    </Form>
  );
}
