import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import viVN from 'antd/es/locale/vi_VN';
import enUS from 'antd/es/locale/en_US';
import { useTranslation } from 'react-i18next';
import type { Office, Officer, Role } from '../../shared/domain';
import { SessionContext, useSessionService, type Session } from '../features/session/service';
import { Setup } from '../features/setup/Setup';
import { Login, LockScreen } from '../features/session/Login';
import { QueueScreen } from '../features/queue/Queue';
import { ReceiveScreen } from '../features/intake/Receive';
import { DossierScreen } from '../features/dossier/Dossier';
import { RegisterScreen } from '../features/register/Register';
import { BackupScreen } from '../features/backup/Backup';
import { ReportsScreen } from '../features/reports/Reports';
import { OverdueScreen } from '../features/overdue/Overdue';
import { OfficersScreen } from '../features/officers/Officers';
import { CountersScreen } from '../features/counters/Counters';
import { Shell } from './Shell';
import { navigate, useRoute } from './router';
import { useActivity } from './useActivity';
import { FeatureProviders } from './providers';
import type { CounterFeatures } from './wiring';

type Boot =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | { phase: 'ready'; features: CounterFeatures; office: Office | null };

/** Marks the body so end-to-end tests wait on app state instead of sleeping. */
function markScreen(screen: string) {
  document.body.dataset.screen = screen;
  document.body.dataset.appReady = screen === 'loading' ? 'false' : 'true';
}

export function App({
  openServices,
  syncStatus,
}: {
  openServices: () => Promise<CounterFeatures>;
  syncStatus?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const [boot, setBoot] = useState<Boot>({ phase: 'loading' });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const features = await openServices();
        const office = await features.loadOffice();
        if (!cancelled) setBoot({ phase: 'ready', features, office });
      } catch (error) {
        console.error(error);
        if (!cancelled)
          setBoot({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [openServices]);

  useEffect(() => {
    if (boot.phase !== 'ready') markScreen(boot.phase);
  }, [boot.phase]);

  let body: ReactNode;
  if (boot.phase === 'loading') {
    body = (
      <div className="center-page">
        <Spin size="large" description={t('app.loading')} />
      </div>
    );
  } else if (boot.phase === 'failed') {
    body = <Result status="error" title={t('app.fatal')} subTitle={boot.message} />;
  } else {
    body = (
      <FeatureProviders features={boot.features}>
        <Counter
          office={boot.office}
          onOffice={(office) => setBoot({ ...boot, office })}
          syncStatus={syncStatus}
        />
      </FeatureProviders>
    );
  }

  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : viVN}
      theme={{ token: { colorPrimary: '#b71c1c' } }}
    >
      <AntApp>{body}</AntApp>
    </ConfigProvider>
  );
}

function Counter({
  office,
  onOffice,
  syncStatus,
}: {
  office: Office | null;
  onOffice: (office: Office) => void;
  syncStatus?: ReactNode;
}) {
  const sessionService = useSessionService();
  const store = sessionService.sessions;
  const state = useSyncExternalStore(store.subscribe, store.get);
  const route = useRoute();
  const active = state.status === 'active';
  useActivity(active, store.touch);
  const session = useMemo<Session | null>(
    () =>
      state.status === 'signed_out'
        ? null
        : { officer: state.officer, role: state.role, office: state.office, counterId: state.counterId },
    [state],
  );
  const screen = !office
    ? 'setup'
    : state.status === 'signed_out'
      ? 'login'
      : state.status === 'locked'
        ? 'locked'
        : route.name;
  useEffect(() => markScreen(screen), [screen]);

  if (!office) return <Setup onReady={onOffice} />;
  if (!session) {
    return (
      <Login
        office={office}
        onLogin={(officer: Officer, role: Role) => {
          // Every officer starts at the queue, not on the previous officer's screen.
          navigate({ name: 'queue' });
          store.start(officer, role, office, sessionService.counterId());
        }}
      />
    );
  }
  if (state.status === 'locked') {
    return (
      <LockScreen
        officer={session.officer}
        onUnlock={(password) => store.unlock(password)}
        onSwitch={() => store.signOut()}
      />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell
        route={route}
        onLock={() => store.lock()}
        onLogout={() => store.signOut()}
        onRole={(role) => store.setRole(role)}
        syncStatus={syncStatus}
      >
        {route.name === 'queue' && <QueueScreen />}
        {route.name === 'receive' && <ReceiveScreen />}
        {route.name === 'dossier' && (
          <DossierScreen key={`${route.id}/${route.step ?? ''}`} id={route.id} openStep={route.step} />
        )}
        {route.name === 'register' && <RegisterScreen />}
        {route.name === 'backup' && <BackupScreen />}
        {route.name === 'reports' && <ReportsScreen />}
        {route.name === 'overdue' && <OverdueScreen />}
        {route.name === 'officers' && <OfficersScreen />}
        {route.name === 'counters' && <CountersScreen />}
      </Shell>
    </SessionContext.Provider>
  );
}
