import { useEffect, useState } from 'react';
import { Alert, Button, Card, Divider, Form, List, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Office } from '../../../shared/domain';
import {
  DIRECTORY_COLLECTIONS,
  EnrolmentError,
  useSyncTranslation,
  type DirectoryProgress,
  type EnrolFailure,
} from '../sync';
import { EnrolFields, enrolFieldTexts } from '../sync/EnrolFields';
import { useSetupTranslation } from './i18n';
import { useSetupService, type FirstRunState } from './service';

type Failure = { reason: EnrolFailure | 'generic'; message: string };

/**
 * First run. A PC enrolled from its provisioning file (desktop) brings its office down at once. Else
 * the main choice connects to the province's server with a one-time code (server address + code)
 * and brings the office down before the first login; the demo office is a separate choice that can
 * never join a real office afterwards.
 */
export function Setup({ onReady }: { onReady: (office: Office) => void }) {
  const { t } = useSetupTranslation();
  const { t: ts } = useSyncTranslation();
  const services = useSetupService();
  const [state, setState] = useState<FirstRunState | null>(null);
  const [busy, setBusy] = useState<'connect' | 'demo' | null>(null);
  const [progress, setProgress] = useState<DirectoryProgress | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  const fail = (e: unknown) => {
    setFailure(
      e instanceof EnrolmentError
        ? { reason: e.reason, message: ts(`syncui.connect.error.${e.reason}`, { detail: e.detail ?? '' }) }
        : {
            reason: 'generic',
            message: t('errors.generic', { message: e instanceof Error ? e.message : String(e) }),
          },
    );
    setBusy(null);
  };
  const run = async (task: () => Promise<Office>) => {
    setBusy('connect');
    setFailure(null);
    try {
      onReady(await task());
    } catch (e) {
      fail(e);
    }
  };
  const resume = () => run(() => services.resume(setProgress));

  useEffect(() => {
    let cancelled = false;
    void services.firstRunState().then((s) => {
      if (cancelled) return;
      setState(s);
      if (s !== 'none') void resume();
    });
    return () => {
      cancelled = true;
    };
    // Once, on the first render: a pending or provisioned first run resumes by itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const useDemo = async () => {
    setBusy('demo');
    setFailure(null);
    try {
      onReady(await services.seedDemo());
    } catch (e) {
      fail(e);
    }
  };

  if (state === null)
    return (
      <div className="center-page">
        <Spin size="large" />
      </div>
    );

  return (
    <div className="center-page">
      <Card style={{ maxWidth: 640, width: '100%' }} data-testid="setup" data-first-run={state}>
        <Typography.Title level={3}>{t('firstrun.title')}</Typography.Title>
        {state === 'none' ? (
          <ConnectForm busy={busy} onConnect={(input) => run(() => services.connect(input, setProgress))} />
        ) : (
          <Typography.Paragraph>{t(`firstrun.resume.${state}`)}</Typography.Paragraph>
        )}
        {progress && <ProgressList progress={progress} />}
        {failure && (
          <Alert
            type="error"
            showIcon
            title={failure.message}
            data-testid="setup-error"
            data-reason={failure.reason}
            style={{ margin: '12px 0' }}
            action={
              state !== 'none' || failure.reason === 'pull_failed' ? (
                <Button onClick={() => void resume()} data-testid="setup-retry">
                  {t('firstrun.retry')}
                </Button>
              ) : undefined
            }
          />
        )}
        {state === 'none' && (
          <>
            <Divider />
            <Typography.Title level={5}>{t('firstrun.demo.title')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('firstrun.demo.body')}</Typography.Paragraph>
            <Button
              loading={busy === 'demo'}
              disabled={busy === 'connect'}
              onClick={useDemo}
              data-testid="use-demo"
            >
              {busy === 'demo' ? t('setup.seeding') : t('firstrun.demo.button')}
            </Button>
          </>
        )}
      </Card>
    </div>
  );
}

function ConnectForm({
  busy,
  onConnect,
}: {
  busy: 'connect' | 'demo' | null;
  onConnect: (input: { serverUrl: string; code: string }) => Promise<void>;
}) {
  const { t } = useSetupTranslation();
  return (
    <Form<{ serverUrl: string; code: string }>
      layout="vertical"
      onFinish={(values) => void onConnect(values)}
      initialValues={{ serverUrl: '', code: '' }}
      data-testid="setup-connect"
    >
      <EnrolFields
        texts={enrolFieldTexts(t, 'firstrun.connect')}
        testIds={{ url: 'setup-server-url', code: 'setup-code' }}
        urlPlaceholder="https://motcua.tinh.gov.vn"
        codePlaceholder="ABCD-EFGH-JKLM"
        autoFocus
      />
      <Button
        type="primary"
        size="large"
        htmlType="submit"
        loading={busy === 'connect'}
        disabled={busy === 'demo'}
        data-testid="setup-connect-submit"
      >
        {t('firstrun.connect.submit')}
      </Button>
    </Form>
  );
}

/** The office's data coming down: documents so far per collection, ticked when complete. */
function ProgressList({ progress }: { progress: DirectoryProgress }) {
  const { t } = useSyncTranslation();
  return (
    <List
      size="small"
      header={t('syncui.connect.progress')}
      data-testid="setup-progress"
      style={{ marginTop: 12 }}
      dataSource={[...DIRECTORY_COLLECTIONS]}
      renderItem={(name) => (
        <List.Item
          data-collection={name}
          data-received={progress[name].received}
          data-done={String(progress[name].done)}
        >
          <span>{t(`syncui.connect.collection.${name}`)}</span>
          <span>
            {t('syncui.connect.documents', { count: progress[name].received })}
            {progress[name].done ? ' ✓' : ' …'}
          </span>
        </List.Item>
      )}
    />
  );
}

export function DemoAccountsTable() {
  const { t } = useTranslation();
  const services = useSetupService();
  const accounts = services.demoAccounts();
  if (accounts.length === 0) return null;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="username"
      title={() => t('setup.demo_accounts')}
      dataSource={accounts}
      columns={[
        { title: t('login.username'), dataIndex: 'username' },
        { title: t('login.password'), dataIndex: 'password' },
        {
          title: t('login.role'),
          dataIndex: 'roles',
          render: (roles: string[]) => roles.map((r) => t(`roles.${r}`)).join(', '),
        },
      ]}
    />
  );
}
