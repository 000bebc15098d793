import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Modal, Space, Table, Tag, Typography } from 'antd';
import type { Officer } from '../../../shared/domain';
import { OwnPasswordForm } from '../session/OwnPasswordForm';
import { useSession } from '../session/service';
import { useOfficersTranslation } from './i18n';
import type { OfficerOutboxState } from './outbox';
import { OFFICER_ADMIN_ROLES, useOfficersService } from './service';

type Action = { kind: 'reset' | 'deactivate' | 'activate'; officer: Officer };

/**
 * "Cán bộ": the office admin lists the office's officers, gives one a one-time password (shown once,
 * to copy or print) and deactivates or reactivates accounts. Each action is confirmed with the
 * admin's own password, applies on this counter at once and goes to the province server.
 */
export function OfficersScreen() {
  const { t } = useOfficersTranslation();
  const service = useOfficersService();
  const session = useSession();
  const [officers, setOfficers] = useState<Officer[]>([]);
  const [outbox, setOutbox] = useState<OfficerOutboxState | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [issued, setIssued] = useState<{ officer: Officer; password: string } | null>(null);

  // Bumped after an action so the outbox's count shows what was just queued.
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      void Promise.all([service.list(), service.outbox()]).then(([all, queued]) => {
        if (cancelled) return;
        setOfficers(all.filter((o) => o.officeId === session.office.id));
        setOutbox(queued);
      });
    load();
    const off = service.onChange(load);
    return () => {
      cancelled = true;
      off();
    };
  }, [service, session.office.id, tick]);

  if (!OFFICER_ADMIN_ROLES.some((r) => r === session.role))
    return <Alert type="warning" title={t('officers.refused.not_admin')} />;

  return (
    <Card title={t('officers.title')} data-testid="officers-screen">
      {outbox && outbox.pending.length > 0 && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          title={t('officers.pending', { count: outbox.pending.length })}
          data-testid="officers-pending"
        />
      )}
      {outbox && outbox.refused.length > 0 && (
        <Alert
          type="error"
          style={{ marginBottom: 16 }}
          title={t('officers.refused_title')}
          description={outbox.refused.map((r) => (
            <div key={r.changeId}>
              {officers.find((o) => o.id === r.officerId)?.fullName ?? r.officerId}:{' '}
              {t(`officers.refused.${r.reason}`)}
            </div>
          ))}
          data-testid="officers-refused"
        />
      )}
      <Table<Officer>
        rowKey="id"
        pagination={false}
        dataSource={officers}
        columns={[
          { title: t('officers.username'), dataIndex: 'username' },
          {
            title: t('officers.name'),
            render: (_, o) => (
              <>
                {o.fullName}{' '}
                {o.id === session.officer.id && (
                  <Typography.Text type="secondary">{t('officers.you')}</Typography.Text>
                )}
              </>
            ),
          },
          { title: t('officers.roles'), render: (_, o) => o.roles.map((r) => t(`roles.${r}`)).join(', ') },
          {
            title: t('officers.status'),
            render: (_, o) => (
              <Space size={4} data-testid={`officer-status-${o.username}`} data-active={String(o.active)}>
                <Tag color={o.active ? 'green' : 'default'}>
                  {o.active ? t('officers.active') : t('officers.inactive')}
                </Tag>
                {o.mustChangePassword && <Tag color="orange">{t('officers.one_time')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('officers.actions'),
            render: (_, o) =>
              o.id === session.officer.id ? null : (
                <Space wrap>
                  <Button
                    size="small"
                    onClick={() => setAction({ kind: 'reset', officer: o })}
                    data-testid={`officer-reset-${o.username}`}
                  >
                    {t('officers.reset')}
                  </Button>
                  <Button
                    size="small"
                    danger={o.active}
                    onClick={() => setAction({ kind: o.active ? 'deactivate' : 'activate', officer: o })}
                    data-testid={`officer-${o.active ? 'deactivate' : 'activate'}-${o.username}`}
                  >
                    {o.active ? t('officers.deactivate') : t('officers.activate')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {action && (
        <ConfirmAction
          action={action}
          onClose={() => {
            setAction(null);
            setTick((n) => n + 1);
          }}
          onIssued={(password) => setIssued({ officer: action.officer, password })}
        />
      )}
      {issued && <OneTimePassword {...issued} onClose={() => setIssued(null)} />}
    </Card>
  );
}

/** The admin confirms an action with their own password (it also signs the change for the server). */
function ConfirmAction({
  action,
  onClose,
  onIssued,
}: {
  action: Action;
  onClose: () => void;
  onIssued: (password: string) => void;
}) {
  const { t } = useOfficersTranslation();
  const { message } = App.useApp();
  const service = useOfficersService();
  const session = useSession();
  const name = action.officer.fullName;

  const confirm = async (password: string) => {
    if (action.kind === 'reset') {
      onIssued(await service.resetPassword(session, action.officer.id, password));
    } else {
      const active = action.kind === 'activate';
      await service.setActive(session, action.officer.id, active, password);
      void message.success(t(active ? 'officers.done_activated' : 'officers.done_deactivated', { name }));
    }
    onClose();
  };

  return (
    <Modal
      open
      title={t('officers.confirm_title')}
      onCancel={onClose}
      footer={null}
      data-testid="officer-confirm"
    >
      <Typography.Paragraph>{t(`officers.confirm_${action.kind}`, { name })}</Typography.Paragraph>
      <OwnPasswordForm
        texts={{
          label: t('officers.your_password'),
          required: t('login.required'),
          submit: t('officers.confirm'),
          working: t('officers.working'),
        }}
        testIds={{
          password: 'officer-confirm-password',
          failed: 'officer-confirm-failed',
          submit: 'officer-confirm-submit',
        }}
        translate={t}
        onPassword={confirm}
      />
    </Modal>
  );
}

/** The one-time password, once: large, to copy or print for the officer. */
function OneTimePassword({
  officer,
  password,
  onClose,
}: {
  officer: Officer;
  password: string;
  onClose: () => void;
}) {
  const { t } = useOfficersTranslation();
  const { message } = App.useApp();
  const print = () => {
    const w = window.open('', '_blank', 'width=480,height=320');
    if (!w) return;
    const text = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    w.document.write(
      `<html><body style="font-family:sans-serif"><h3>${text(t('officers.one_time_title', { name: officer.fullName }))}</h3>` +
        `<p>${text(t('officers.username'))}: <b>${text(officer.username)}</b></p>` +
        `<p style="font-size:28px;font-family:monospace">${text(password)}</p>` +
        `<p>${text(t('officers.one_time_body'))}</p></body></html>`,
    );
    w.document.close();
    w.print();
  };
  return (
    <Modal
      open
      title={t('officers.one_time_title', { name: officer.fullName })}
      onCancel={onClose}
      maskClosable={false}
      footer={[
        <Button
          key="copy"
          onClick={() =>
            void navigator.clipboard?.writeText(password).then(() => message.success(t('officers.copied')))
          }
        >
          {t('officers.copy')}
        </Button>,
        <Button key="print" onClick={print}>
          {t('officers.print')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose} data-testid="one-time-close">
          {t('officers.close')}
        </Button>,
      ]}
      data-testid="one-time-password"
    >
      <Typography.Paragraph>{t('officers.one_time_body')}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('officers.username')}: <strong>{officer.username}</strong>
      </Typography.Paragraph>
      <Typography.Title level={2} style={{ fontFamily: 'monospace' }} data-testid="one-time-value">
        {password}
      </Typography.Title>
    </Modal>
  );
}
