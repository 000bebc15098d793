import { useEffect, useState, useSyncExternalStore, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { AdminCounter, AdminDevice } from '../../../shared/admin/contract';
import type { IssuedCodeResponse, OfficeCountersResponse } from '../../../shared/officers';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { messageOf } from '../../app/useSubmit';
import { OwnPasswordForm } from '../session/OwnPasswordForm';
import { useSession } from '../session/service';
import { IssueCodeDialog, IssuedCodeDialog } from './dialogs';
import { useCountersTranslation } from './i18n';
import { COUNTER_ADMIN_ROLES, useCountersService, type CountersSigner } from './service';

const subscribeOnline = (onChange: () => void) => {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
};
const useOnline = () => useSyncExternalStore(subscribeOnline, () => navigator.onLine);

/**
 * "Quầy và máy": the office admin sees the office's counters and their PCs (last sync, version,
 * clock offset, pending changes), issues an enrolment code for a counter (shown once, printable on
 * A5) and revokes or retires a PC. Online only: every request goes to the province server signed
 * with the admin's key, derived from the password typed on opening the page and kept in memory
 * only while the page is open.
 */
export function CountersScreen() {
  const { t } = useCountersTranslation();
  const session = useSession();
  const online = useOnline();
  const [signer, setSigner] = useState<CountersSigner | null>(null);

  if (!COUNTER_ADMIN_ROLES.some((r) => r === session.role))
    return <Alert type="warning" title={t('counters.refused.not_admin')} />;
  return (
    <Card title={t('counters.title')} data-testid="counters-screen">
      {!online && (
        <Alert
          type="error"
          style={{ marginBottom: 16 }}
          title={t('counters.offline')}
          data-testid="counters-offline"
        />
      )}
      <Typography.Paragraph type="secondary">{t('counters.online_only')}</Typography.Paragraph>
      {signer ? <OfficeCounters signer={signer} /> : <Unlock onUnlocked={setSigner} />}
    </Card>
  );
}

/** The admin's password: checked here, then it derives the key that signs this page's requests. */
function Unlock({ onUnlocked }: { onUnlocked: (signer: CountersSigner) => void }) {
  const { t } = useCountersTranslation();
  const service = useCountersService();
  const session = useSession();
  return (
    <OwnPasswordForm
      intro={<Typography.Paragraph>{t('counters.unlock_intro')}</Typography.Paragraph>}
      style={{ maxWidth: 420 }}
      texts={{
        label: t('counters.your_password'),
        required: t('counters.required'),
        submit: t('counters.unlock'),
        working: t('counters.working'),
      }}
      testIds={{ password: 'counters-password', failed: 'counters-failed', submit: 'counters-unlock' }}
      translate={t}
      onPassword={async (password) => onUnlocked(await service.unlock(session.officer.id, password))}
    />
  );
}

function OfficeCounters({ signer }: { signer: CountersSigner }) {
  const { t } = useCountersTranslation();
  const { message } = App.useApp();
  const service = useCountersService();
  // Bumped to load the list again; `shown` is the tick the list on screen answers.
  const [tick, setTick] = useState(0);
  const [shown, setShown] = useState<{
    tick: number;
    data: OfficeCountersResponse | null;
    failed: string | null;
  }>({ tick: -1, data: null, failed: null });
  const [issuing, setIssuing] = useState<AdminCounter | null>(null);
  const [issued, setIssued] = useState<{ counter: AdminCounter; code: IssuedCodeResponse } | null>(null);
  const reload = () => setTick((n) => n + 1);

  useEffect(() => {
    let cancelled = false;
    service.list(signer).then(
      (data) => !cancelled && setShown({ tick, data, failed: null }),
      (error: unknown) =>
        !cancelled && setShown((s) => ({ tick, data: s.data, failed: t(messageOf(error)) })),
    );
    return () => {
      cancelled = true;
    };
  }, [service, signer, t, tick]);
  const { data, failed } = shown;
  const loading = shown.tick !== tick;

  const revoke = async (device: AdminDevice, reason: 'revoked' | 'retired') => {
    try {
      await service.revoke(signer, device.id, reason);
      void message.success(
        t(reason === 'retired' ? 'counters.done_retired' : 'counters.done_revoked', { name: device.name }),
      );
    } catch (error) {
      void message.error(t(messageOf(error)));
    }
    reload();
  };

  const counters = data?.counters ?? [];
  const devices = data?.devices ?? [];
  const counterName = (id: string) => counters.find((c) => c.id === id)?.name ?? id;
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button onClick={reload} loading={loading} data-testid="counters-refresh">
          {t('counters.refresh')}
        </Button>
      </Space>
      <ErrorAlert message={failed} testId="counters-failed" />
      <Typography.Title level={5}>{t('counters.counters')}</Typography.Title>
      <Table<AdminCounter>
        rowKey="id"
        pagination={false}
        dataSource={counters}
        data-testid="counters-table"
        onRow={(c) => ({ 'data-testid': `counter-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('counters.counter'), dataIndex: 'name' },
          { title: t('counters.counter_id'), dataIndex: 'id' },
          {
            title: t('counters.active_devices'),
            render: (_, c) => devices.filter((d) => d.counterId === c.id && !d.revokedAt).length,
          },
          {
            title: t('counters.actions'),
            render: (_, c) => (
              <Button size="small" onClick={() => setIssuing(c)} data-testid={`counter-issue-${c.id}`}>
                {t('counters.issue')}
              </Button>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('counters.devices')}
      </Typography.Title>
      <Table<AdminDevice>
        rowKey="id"
        pagination={false}
        dataSource={devices}
        data-testid="devices-table"
        onRow={(d) =>
          ({
            'data-testid': 'device-row',
            'data-device-id': d.id,
            'data-counter': d.counterId,
            'data-revoked': String(!!d.revokedAt),
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('counters.device'), dataIndex: 'name' },
          { title: t('counters.counter'), render: (_, d) => counterName(d.counterId) },
          { title: t('counters.enrolled'), render: (_, d) => formatDateTime(d.enrolledAt) },
          {
            title: t('counters.last_sync'),
            render: (_, d) => (d.lastSeenAt ? formatDateTime(d.lastSeenAt) : t('counters.never')),
          },
          { title: t('counters.app_version'), render: (_, d) => d.appVersion ?? '—' },
          {
            title: t('counters.clock_offset'),
            render: (_, d) =>
              d.clockOffsetMs === null
                ? '—'
                : t('counters.seconds', { value: Math.round(d.clockOffsetMs / 1000) }),
          },
          { title: t('counters.pending'), render: (_, d) => d.pending ?? '—' },
          {
            title: t('counters.status'),
            render: (_, d) =>
              d.revokedAt ? (
                <Tag>{t('counters.revoked')}</Tag>
              ) : (
                <Tag color="green">{t('counters.in_use')}</Tag>
              ),
          },
          {
            title: t('counters.actions'),
            render: (_, d) =>
              d.revokedAt ? null : (
                <Space wrap>
                  {(['revoked', 'retired'] as const).map((reason) => (
                    <Popconfirm
                      key={reason}
                      title={t(reason === 'retired' ? 'counters.confirm_retire' : 'counters.confirm_revoke', {
                        name: d.name,
                      })}
                      okText={t('counters.yes')}
                      cancelText={t('counters.no')}
                      okButtonProps={{ 'data-testid': 'device-confirm' } as ButtonProps}
                      onConfirm={() => revoke(d, reason)}
                    >
                      <Button
                        size="small"
                        danger={reason === 'revoked'}
                        data-testid={`device-${reason === 'revoked' ? 'revoke' : 'retire'}`}
                      >
                        {t(reason === 'revoked' ? 'counters.revoke' : 'counters.retire')}
                      </Button>
                    </Popconfirm>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      {issuing && (
        <IssueCodeDialog
          counter={issuing}
          issue={(ttlMinutes) => service.issueCode(signer, issuing.id, ttlMinutes)}
          onIssued={(code) => {
            setIssued({ counter: issuing, code });
            setIssuing(null);
          }}
          onClose={() => setIssuing(null)}
        />
      )}
      {issued && (
        <IssuedCodeDialog
          counter={issued.counter}
          code={issued.code}
          issuedBy={signer.actor.fullName}
          onClose={() => {
            setIssued(null);
            reload();
          }}
        />
      )}
    </>
  );
}
