import { App as AntApp, Button, ConfigProvider, Layout, Menu, Select, Space, Spin, Typography } from 'antd';
import enUS from 'antd/es/locale/en_US';
import viVN from 'antd/es/locale/vi_VN';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  adminMeSchema,
  adminOfficeSchema,
  listOf,
  okSchema,
  type AdminErrorCode,
  type AdminMe,
  type AdminOffice,
} from '../../../shared/admin/contract';
import { SignIn } from '../features/session/SignIn';
import { api, sessionToken, whenSessionEnds } from './api';
import { setConsoleLanguage } from './i18n';
import { CONSOLE_PAGES } from './pages';
import { useApiData } from './useApiData';
import { useIdle } from './useIdle';

const pageOfHash = (): string => location.hash.replace(/^#/, '') || 'offices';

/** The console: sign-in, then the shell with its menu (app/pages.ts) and the chosen office. */
export function ConsoleApp() {
  const { i18n } = useTranslation();
  const [me, setMe] = useState<AdminMe | null>(null);
  const [checking, setChecking] = useState(sessionToken.get() !== null);
  const [ended, setEnded] = useState<AdminErrorCode | null>(null);

  useEffect(() => {
    whenSessionEnds((code) => {
      setMe(null);
      setEnded(code);
    });
    if (!sessionToken.get()) return;
    api('GET', '/session', adminMeSchema)
      .then(setMe)
      .catch(() => sessionToken.clear())
      .finally(() => setChecking(false));
  }, []);

  const signOut = useCallback(async (reason: AdminErrorCode | null) => {
    await api('POST', '/session/end', okSchema).catch(() => undefined);
    sessionToken.clear();
    setMe(null);
    setEnded(reason);
  }, []);
  const onIdle = useCallback(() => void signOut('session_expired'), [signOut]);
  useIdle(me ? me.idleMinutes : null, onIdle);

  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : viVN}
      theme={{ token: { colorPrimary: '#b71c1c' } }}
    >
      <AntApp>
        {checking ? (
          <Spin style={{ marginTop: 120, width: '100%' }} />
        ) : me ? (
          <Shell me={me} onSignOut={() => void signOut(null)} />
        ) : (
          <SignIn
            ended={ended}
            onSignedIn={(admin, token) => {
              sessionToken.set(token);
              setEnded(null);
              setMe(admin);
            }}
          />
        )}
      </AntApp>
    </ConfigProvider>
  );
}

function Shell({ me, onSignOut }: { me: AdminMe; onSignOut: () => void }) {
  const { t, i18n } = useTranslation();
  const [pageKey, setPageKey] = useState(pageOfHash);
  const [officeId, setOfficeId] = useState<string | null>(me.officeId);
  const pages = useMemo(
    () => CONSOLE_PAGES.filter((p) => !p.provinceOnly || me.officeId === null),
    [me.officeId],
  );
  const page = pages.find((p) => p.key === pageKey) ?? pages[0]!;

  const loadOffices = useCallback(
    async () => (await api('GET', '/offices', listOf(adminOfficeSchema))).items,
    [],
  );
  const { data: offices, reload: reloadOffices } = useApiData(loadOffices, [] as AdminOffice[]);
  useEffect(() => {
    const onHash = () => setPageKey(pageOfHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // Until one is chosen, the first office.
  const office = offices.find((o) => o.id === officeId) ?? offices[0] ?? null;
  const Page = page.component;
  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="console-shell" data-page={page.key}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#b71c1c' }}
        className="no-print"
      >
        <Typography.Text strong style={{ color: '#fff', fontSize: 16 }}>
          {t('app.title')}
        </Typography.Text>
        <Select
          style={{ minWidth: 280 }}
          value={office?.id}
          placeholder={t('shell.choose_office')}
          onChange={setOfficeId}
          disabled={me.officeId !== null}
          options={offices.map((o) => ({ value: o.id, label: `${o.name} (${o.agencyCode})` }))}
          data-testid="console-office-select"
          data-office={office?.id ?? ''}
        />
        <Space style={{ marginLeft: 'auto' }}>
          <Button size="small" onClick={() => void setConsoleLanguage(i18n.language === 'en' ? 'vi' : 'en')}>
            {i18n.language === 'en' ? 'Tiếng Việt' : 'English'}
          </Button>
          <Typography.Text style={{ color: '#fff' }} data-testid="console-admin">
            {me.username}
            {me.officeId ? ` · ${t('shell.office_admin')}` : ` · ${t('shell.province_admin')}`}
          </Typography.Text>
          <Button size="small" onClick={onSignOut} data-testid="console-signout">
            {t('shell.sign_out')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider theme="light" width={220} className="no-print">
          <Menu
            mode="inline"
            selectedKeys={[page.key]}
            onClick={({ key }) => (location.hash = key)}
            items={pages.map((p) => ({
              key: p.key,
              label: <span data-testid={`nav-${p.key}`}>{t(p.titleKey)}</span>,
            }))}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          <Typography.Title level={3} className="no-print">
            {t(page.titleKey)}
          </Typography.Title>
          {page.needsOffice && !office ? (
            <Typography.Text type="secondary">{t('shell.no_office')}</Typography.Text>
          ) : (
            <Page
              me={me}
              offices={offices}
              office={office}
              selectOffice={setOfficeId}
              reloadOffices={reloadOffices}
            />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
