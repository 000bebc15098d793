import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import type { Officer } from '../../../shared/domain';
import { PASSWORD_POLICY, passwordProblem } from '../../auth';
import { useOfficersTranslation } from '../officers/i18n';
import { useSession, useSessionService } from './service';

type Values = { current?: string; password: string; confirm: string };

/**
 * A new password, twice, checked against the policy as it is typed (the service checks again).
 * With `current` undefined the form asks for the current password itself (a change from the menu);
 * at a first login the one-time password just typed is passed in.
 */
export function PasswordForm({
  officer,
  current,
  onDone,
}: {
  officer: Officer;
  current?: string;
  onDone: (updated: Officer) => void;
}) {
  const { t } = useOfficersTranslation();
  const service = useSessionService();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const problemText = (key: string) => t(key, { min: PASSWORD_POLICY.minLength });

  const submit = async (values: Values) => {
    setBusy(true);
    setFailed(null);
    try {
      const updated = await service.changePassword(officer, current ?? values.current ?? '', values.password);
      onDone(updated);
    } catch (error) {
      setFailed(problemText(error instanceof Error ? error.message : String(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} data-testid="password-form">
      <Typography.Paragraph type="secondary">{problemText('password.rules')}</Typography.Paragraph>
      {current === undefined && (
        <Form.Item
          name="current"
          label={t('password.current')}
          rules={[{ required: true, message: t('login.required') }]}
        >
          <Input.Password autoFocus autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
      )}
      <Form.Item
        name="password"
        label={t('password.new')}
        rules={[
          { required: true, message: t('login.required') },
          {
            validator: async (_, value: string | undefined) => {
              const problem = value ? passwordProblem(value, officer.username, current) : null;
              if (problem) throw new Error(problemText(problem));
            },
          },
        ]}
      >
        <Input.Password
          autoFocus={current !== undefined}
          autoComplete="new-password"
          data-testid="password-new"
        />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('login.required') },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('password')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      {failed && (
        <Alert type="error" title={failed} data-testid="password-failed" style={{ marginBottom: 16 }} />
      )}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="password-save">
        {busy ? t('password.saving') : t('password.save')}
      </Button>
    </Form>
  );
}

/** "Đổi mật khẩu" from the header's account menu: old and new password, for the signed-in officer. */
export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useOfficersTranslation();
  const { message } = App.useApp();
  const session = useSession();
  return (
    <Modal
      open={open}
      title={t('password.change_title')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      data-testid="change-password"
    >
      <PasswordForm
        officer={session.officer}
        onDone={() => {
          void message.success(t('password.changed'));
          onClose();
        }}
      />
    </Modal>
  );
}
