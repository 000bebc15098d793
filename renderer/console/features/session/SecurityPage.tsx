import { Alert, Button, Card, Flex, Form, Image, Input, Typography } from 'antd';
import QRCode from 'qrcode';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { okSchema, totpSetupResponseSchema } from '../../../../shared/admin/contract';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import type { ConsolePageProps } from '../../app/page';

/** The admin's second factor: a secret to scan in an authenticator app, confirmed with its code. */
export function SecurityPage({ me }: ConsolePageProps) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<{ secret: string; uri: string; qr: string } | null>(null);
  const [done, setDone] = useState(me.totpEnabled);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setError(null);
    try {
      const answer = await api('POST', '/totp/setup', totpSetupResponseSchema);
      setSetup({ ...answer, qr: await QRCode.toDataURL(answer.uri, { margin: 1, width: 200 }) });
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const confirm = async ({ code }: { code: string }) => {
    if (!setup) return;
    setError(null);
    try {
      await api('POST', '/totp/confirm', okSchema, { secret: setup.secret, code });
      setDone(true);
      setSetup(null);
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <Card title={t('security.totp')} style={{ maxWidth: 560 }}>
      {done ? (
        <Alert type="success" showIcon title={t('security.totp_on')} data-testid="totp-on" />
      ) : setup ? (
        <Flex vertical gap={12}>
          <Typography.Paragraph>{t('security.scan')}</Typography.Paragraph>
          <Image src={setup.qr} width={200} preview={false} alt="QR" />
          <Typography.Text copyable code data-testid="totp-secret">
            {setup.secret}
          </Typography.Text>
          <Form layout="inline" onFinish={(f: { code: string }) => void confirm(f)}>
            <Form.Item
              name="code"
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('signin.totp_format') }]}
            >
              <Input maxLength={6} inputMode="numeric" placeholder="123456" data-testid="totp-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="totp-confirm">
              {t('security.confirm')}
            </Button>
          </Form>
        </Flex>
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph>{t('security.totp_off')}</Typography.Paragraph>
          <Button type="primary" onClick={() => void start()} data-testid="totp-start">
            {t('security.enable')}
          </Button>
        </Flex>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
    </Card>
  );
}
