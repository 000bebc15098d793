import { useState } from 'react';
import { Button, Dropdown } from 'antd';
import { navMenuItem } from '../../app/nav';
import { useOfficersTranslation } from '../officers/i18n';
import { OFFICER_ADMIN_ROLES } from '../officers/service';
import { useCountersTranslation } from '../counters/i18n';
import { ChangePasswordDialog } from './PasswordForm';
import { PinDialog } from './QuickSwitch';
import { useSession } from './service';

/**
 * The signed-in officer's menu in the header: "Đổi mật khẩu" and "Đặt mã PIN chuyển nhanh" for everyone and, for the office admin,
 * the officers screen ("Cán bộ") and the counters page ("Quầy và máy").
 */
export function AccountMenu() {
  const { t } = useOfficersTranslation();
  const { t: tCounters } = useCountersTranslation();
  const session = useSession();
  const [changing, setChanging] = useState(false);
  const [settingPin, setSettingPin] = useState(false);
  const admin = OFFICER_ADMIN_ROLES.some((r) => r === session.role);
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'password',
              label: <span data-testid="menu-change-password">{t('header.change_password')}</span>,
              onClick: () => setChanging(true),
            },
            {
              key: 'pin',
              label: <span data-testid="menu-set-pin">{t('header.set_pin')}</span>,
              onClick: () => setSettingPin(true),
            },
            ...(admin
              ? [
                  navMenuItem('officers', t('officers.nav')),
                  navMenuItem('counters', tCounters('counters.nav')),
                ]
              : []),
          ],
        }}
      >
        <Button size="small" data-testid="account-menu">
          {t('header.account')}
        </Button>
      </Dropdown>
      <ChangePasswordDialog open={changing} onClose={() => setChanging(false)} />
      <PinDialog open={settingPin} onClose={() => setSettingPin(false)} />
    </>
  );
}
