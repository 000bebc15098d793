import { App, Button, Form, Input, Modal, Typography } from 'antd';
import type { Officer } from '../../../shared/domain';
import { PASSWORD_POLICY, passwordProblem } from '../../auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useSubmit } from '../../app/useSubmit';
import { useOfficersTranslation } from '../officers/i18n';
import { CurrentPasswordItem, RepeatField } from './OwnPasswordForm';
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
  const problemText = (key: string) => t(key, { min: PASSWORD_POLICY.minLength });
  const { busy, failed, run } = useSubmit(problemText);

  const submit = (values: Values) =>
    run(async () =>
      onDone(await service.changePassword(officer, current ?? values.current ?? '', values.password)),
    );

  return (
    <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} data-testid="password-form">
      <Typography.Paragraph type="secondary">{problemText('password.rules')}</Typography.Paragraph>
      {current === undefined && (
        <CurrentPasswordItem
          name="current"
          label={t('password.current')}
          required={t('login.required')}
          testId="password-current"
        />
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
      <RepeatField
        field="password"
        label={t('password.confirm')}
        mismatch={t('password.mismatch')}
        required={t('login.required')}
        input={{ 'data-testid': 'password-confirm' }}
      />
      <ErrorAlert message={failed} testId="password-failed" />
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
