import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { getPlatform } from '../platform';

/**
 * A standing warning while the desktop's database key has no OS keychain behind it (Linux without a
 * keyring): the officer sees it on every screen until IT staff install one.
 */
export function KeyProtectionNotice() {
  const { t } = useTranslation();
  const [weak, setWeak] = useState(false);
  useEffect(() => {
    let live = true;
    getPlatform()
      .appInfo()
      .then((info) => live && setWeak(info.keyProtection === 'weak'))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!weak) return null;
  return <Alert banner type="warning" title={t('app.weak_key')} data-testid="weak-key-notice" />;
}
