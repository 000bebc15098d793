import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signInResponseSchema, type AdminErrorCode, type AdminMe } from '../../../../shared/admin/contract';
import { api, ConsoleApiError } from '../../app/api';
import { errorText } from '../../app/errors';

interface Fields {
  username: string;
  password: string;
  totp?: string;
}

/** Username and password, then the authenticator code when the account has a second factor. */
export function SignIn({
  ended,
  onSignedIn,
}: {
  ended: AdminErrorCode | null;
  onSignedIn(admin: AdminMe, token: string): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [needsTotp, setNeedsTotp] = useState(false);
  const [error, setError] = useState<{ code: string; text: string } | null>(null);

  const submit = async (fields: Fields) => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        username: fields.username.trim(),
        password: fields.password,
        totp: fields.totp || undefined,
      };
      const { token, admin } = await api('POST', '/session', signInResponseSchema, body);
      onSignedIn(admin, token);
    } catch (err) {
      if (err instanceof ConsoleApiError && err.code === 'totp_required') setNeedsTotp(true);
      else
        setError({ code: err instanceof ConsoleApiError ? err.code : 'internal', text: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 80 }}>
      <Card title={t('signin.title')} style={{ width: 400 }} data-testid="console-signin">
        {ended && (
          <Alert
            type="info"
            showIcon
            title={t(`signin.ended.${ended}`, { defaultValue: t('signin.ended.other') })}
            style={{ marginBottom: 16 }}
            data-testid="signin-ended"
          />
        )}
        <Form<Fields> layout="vertical" onFinish={(f) => void submit(f)} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('signin.username')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input autoComplete="username" autoFocus data-testid="signin-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('signin.password')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="signin-password" />
          </Form.Item>
          {needsTotp && (
            <Form.Item
              name="totp"
              label={t('signin.totp')}
              extra={t('signin.totp_hint')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('signin.totp_format') }]}
            >
              <Input
                inputMode="numeric"
                maxLength={6}
                autoComplete="one-time-code"
                autoFocus
                data-testid="signin-totp"
              />
            </Form.Item>
          )}
          {error && (
            <Alert
              type="error"
              showIcon
              title={error.text}
              style={{ marginBottom: 16 }}
              data-testid="signin-error"
              data-code={error.code}
            />
          )}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="signin-submit">
            {t('signin.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
