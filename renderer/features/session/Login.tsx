import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Office, Officer, Role } from '../../../shared/domain';
import { ErrorAlert } from '../../app/ErrorAlert';
import { LOCKOUT_POLICY } from '../../auth';
import { useOfficersTranslation } from '../officers/i18n';
import { DemoAccountsTable } from '../setup/Setup';
import { BootstrapProgressBar } from '../sync';
import { PasswordForm } from './PasswordForm';
import { QuickSwitchPanel } from './QuickSwitch';
import { useSessionService } from './service';

interface Props {
  office: Office;
  onLogin: (officer: Officer, role: Role) => void;
}

/**
 * Offline login against the cached verifiers (behind this counter's failed-login lockout), a new
 * password first when the officer came in with a one-time one, then the acting role among the
 * officer's roles.
 */
export function Login({ office, onLogin }: Props) {
  const { t } = useOfficersTranslation();
  const services = useSessionService();
  const [busy, setBusy] = useState(false);
  // Wrong credentials, a lockout, or (web mode) a login that cannot open this counter's encrypted data.
  const [failed, setFailed] = useState<string | null>(null);
  const [officer, setOfficer] = useState<Officer | null>(null);
  const [role, setRole] = useState<Role | null>(null);
  // Signed in with a one-time password: the officer sets their own before anything else.
  const [oneTime, setOneTime] = useState<{ officer: Officer; password: string } | null>(null);
  // Answers given so far (tests wait for the next one instead of an error shown before).
  const [answered, setAnswered] = useState(0);

  const proceed = (found: Officer) => {
    if (found.roles.length === 1 && found.roles[0]) onLogin(found, found.roles[0]);
    else {
      setOfficer(found);
      setRole(found.roles[0] ?? null);
    }
  };

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setFailed(null);
    try {
      const outcome = await services.login(values.username.trim(), values.password);
      if (!outcome.ok) {
        setFailed(
          outcome.message === 'login.locked_out'
            ? t(outcome.message, { minutes: outcome.minutesLeft, max: LOCKOUT_POLICY.maxFailures })
            : t(outcome.message),
        );
        return;
      }
      if (outcome.mustChangePassword) setOneTime({ officer: outcome.officer, password: values.password });
      else proceed(outcome.officer);
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
      setAnswered((n) => n + 1);
    }
  };

  if (oneTime) {
    return (
      <div className="center-page">
        <Card style={{ width: 560 }} title={t('password.set_title')} data-testid="set-password">
          <Typography.Paragraph>{t('password.set_intro')}</Typography.Paragraph>
          <PasswordForm
            officer={oneTime.officer}
            current={oneTime.password}
            onDone={(updated) => {
              setOneTime(null);
              proceed(updated);
            }}
          />
        </Card>
      </div>
    );
  }

  return (
    <div className="center-page">
      <Card style={{ width: 560 }} title={t('login.title')} data-testid="login" data-answered={answered}>
        <Typography.Paragraph type="secondary">
          {t('login.office')}: <strong data-testid="login-office">{office.name}</strong>
        </Typography.Paragraph>
        {/* On the desktop the replica opens before anyone logs in: its first download shows here too. */}
        <BootstrapProgressBar />
        {officer ? (
          <Form layout="vertical" onFinish={() => role && onLogin(officer, role)} data-testid="role-form">
            <Form.Item label={t('login.role')}>
              <Radio.Group
                value={role}
                onChange={(e) => setRole(e.target.value as Role)}
                options={officer.roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                data-testid="role-choice"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" autoFocus data-testid="role-continue">
              {t('login.submit')}
            </Button>
          </Form>
        ) : (
          <>
            <QuickSwitchPanel onLogin={onLogin} />
            <Form layout="vertical" onFinish={submit} requiredMark={false}>
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, message: t('login.required') }]}
              >
                <Input autoFocus autoComplete="username" data-testid="login-username" />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.required') }]}
              >
                <Input.Password autoComplete="current-password" data-testid="login-password" />
              </Form.Item>
              <ErrorAlert message={failed} testId="login-failed" />
              <Button type="primary" htmlType="submit" loading={busy} block data-testid="login-submit">
                {busy ? t('login.checking') : t('login.submit')}
              </Button>
            </Form>
          </>
        )}
        <div style={{ marginTop: 24 }}>
          <DemoAccountsTable />
        </div>
      </Card>
    </div>
  );
}

/** Inactivity lock: the same officer re-enters the password; or signs out for someone else. */
export function LockScreen({
  officer,
  onUnlock,
  onSwitch,
}: {
  officer: Officer;
  onUnlock: (password: string) => Promise<boolean>;
  onSwitch: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    try {
      if (!(await onUnlock(password))) setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="center-page">
      <Card style={{ width: 480 }} title={t('login.locked_title')} data-testid="lock-screen">
        <Typography.Paragraph>{t('login.locked_body', { name: officer.fullName })}</Typography.Paragraph>
        <Form layout="vertical" onFinish={submit}>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input.Password autoFocus data-testid="unlock-password" />
          </Form.Item>
          {failed && <Alert type="error" title={t('login.failed')} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="unlock-submit">
            {t('login.unlock')}
          </Button>{' '}
          <Button onClick={onSwitch}>{t('login.switch_user')}</Button>
        </Form>
      </Card>
    </div>
  );
}
