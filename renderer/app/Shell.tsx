import { useEffect, type ReactNode } from 'react';
import { Button, Flex, Layout, Menu, Segmented, Select, Tag, Typography } from 'antd';
import type { Role } from '../../shared/domain';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';
import { navigate, type Route } from './router';
import { KeyProtectionNotice } from './KeyProtectionNotice';
import { navMenuItem } from './nav';

export const FOCUS_LOOKUP_EVENT = 'motcua:focus-lookup';
import { BACKUP_ROLES } from '../features/backup/service';
import { REPORT_ROLES } from '../features/reports/service';
import { OVERDUE_ROLES } from '../features/overdue/service';
import { useOverdueTranslation } from '../features/overdue/i18n';
import { RatingScreenButton } from '../features/rating/RatingScreenButton';
import { useSession } from '../features/session/service';
import { AccountMenu } from '../features/session/AccountMenu';

interface Props {
  route: Route;
  onLock: () => void;
  onLogout: () => void;
  onRole: (role: Role) => void;
  /** Where the sync status (renderer/sync) shows; empty until a sync client is wired in. */
  syncStatus?: ReactNode;
  children: ReactNode;
}

/** F2 new dossier, F3 lookup box, F4 register, Esc back to the queue: counter staff live on the keyboard. */
/** A header button to a page of its own, highlighted while that page is open. */
function NavButton(props: {
  to: Route['name'];
  current: Route['name'];
  title?: string;
  children: ReactNode;
}) {
  return (
    <Button
      size="small"
      type={props.current === props.to ? 'primary' : 'default'}
      href={`#/${props.to}`}
      title={props.title}
      data-testid={`nav-${props.to}`}
    >
      {props.children}
    </Button>
  );
}

function useShortcuts() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F2') {
        event.preventDefault();
        navigate({ name: 'receive' });
      } else if (event.key === 'F3') {
        event.preventDefault();
        navigate({ name: 'queue' });
        // The queue focuses its lookup box on mount, or on this event when it is already shown.
        window.dispatchEvent(new Event(FOCUS_LOOKUP_EVENT));
      } else if (event.key === 'F4') {
        event.preventDefault();
        navigate({ name: 'register' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function Shell({ route, onLock, onLogout, onRole, syncStatus, children }: Props) {
  const { t, i18n } = useTranslation();
  const { t: tOverdue } = useOverdueTranslation();
  const session = useSession();
  useShortcuts();
  const selected = route.name === 'dossier' ? 'queue' : route.name;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Flex align="center" gap={16} style={{ width: '100%' }}>
          <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
            {t('app.title')}
          </Typography.Text>
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={[selected]}
            style={{ flex: 1, minWidth: 0 }}
            items={[
              navMenuItem('queue', t('nav.queue'), '#/'),
              navMenuItem('receive', t('nav.receive')),
              navMenuItem('register', t('nav.register')),
            ]}
          />
          <div data-testid="sync-status-slot">{syncStatus}</div>
          <Flex vertical style={{ lineHeight: 1.3, color: '#fff' }}>
            <span data-testid="header-officer">{session.officer.fullName}</span>
            <small>
              <Tag color="blue" data-testid="header-role" data-role={session.role} style={{ marginRight: 4 }}>
                {t(`roles.${session.role}`)}
              </Tag>
              {session.officer.roles.length > 1 && (
                // An officer holding several roles switches the acting role without signing in again.
                <Select<Role>
                  size="small"
                  value={session.role}
                  onChange={onRole}
                  aria-label={t('header.role')}
                  style={{ minWidth: 150, marginRight: 4 }}
                  options={session.officer.roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                  data-testid="role-switch"
                />
              )}
            </small>
            {/* The office in full, on its own line: an officer must see which office they act for. */}
            <small data-testid="header-office" className="header-office">
              {session.office.name}
            </small>
          </Flex>
          <Segmented<Language>
            size="small"
            aria-label={t('app.language')}
            value={i18n.language === 'en' ? 'en' : 'vi'}
            options={[
              { label: 'VI', value: 'vi' },
              { label: 'EN', value: 'en' },
            ]}
            onChange={(lng) => void setLanguage(lng)}
            data-testid="language-switch"
          />
          {/* Backups hold every applicant's personal data: only the supervisor and IT staff see this.
              A header button, not a menu item: the menu folds its items into "…" on narrow screens. */}
          {REPORT_ROLES.includes(session.role) && (
            <NavButton to="reports" current={route.name}>
              {t('nav.reports')}
            </NavButton>
          )}
          {OVERDUE_ROLES.includes(session.role) && (
            <NavButton to="overdue" current={route.name} title={tOverdue('overdue.nav_title')}>
              {tOverdue('overdue.nav')}
            </NavButton>
          )}
          {/* The officer who hands results back opens the citizen's screen. */}
          {session.role === 'receiver' && <RatingScreenButton />}
          {BACKUP_ROLES.includes(session.role) && (
            <NavButton to="backup" current={route.name} title={t('nav.backup')}>
              {t('nav.backup_short')}
            </NavButton>
          )}
          <AccountMenu />
          <Button size="small" onClick={onLock} data-testid="lock">
            {t('header.lock')}
          </Button>
          <Button size="small" onClick={onLogout} data-testid="logout">
            {t('header.logout')}
          </Button>
        </Flex>
      </Layout.Header>
      <KeyProtectionNotice />
      <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
    </Layout>
  );
}
