import { useState } from 'react';
import { Alert, Button, Card, Result, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Office } from '../../../shared/domain';
import { useSetupService } from './service';

/** First run without provisioning: offer the demo office so a newcomer can try every step. */
export function Setup({ onReady }: { onReady: (office: Office) => void }) {
  const { t } = useTranslation();
  const services = useSetupService();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const useDemo = async () => {
    setBusy(true);
    setError(null);
    try {
      onReady(await services.seedDemo());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <div className="center-page">
      <Card style={{ maxWidth: 640 }} data-testid="setup">
        <Result
          status="info"
          title={t('setup.title')}
          subTitle={t('setup.body')}
          extra={
            <Button
              type="primary"
              size="large"
              loading={busy}
              onClick={useDemo}
              data-testid="use-demo"
              autoFocus
            >
              {busy ? t('setup.seeding') : t('setup.use_demo')}
            </Button>
          }
        />
        {error && <Alert type="error" title={t('errors.generic', { message: error })} />}
      </Card>
    </div>
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
