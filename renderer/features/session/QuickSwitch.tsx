import { useState, useSyncExternalStore } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import type { Officer, Role } from '../../../shared/domain';
import { pinProblem } from '../../auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useOfficersTranslation } from '../officers/i18n';
import { RepeatField } from './OwnPasswordForm';
import { useSession, useSessionService } from './service';

/**
 * On the login screen: the officers who signed in today on this PC and set a PIN, one button each;
 * a click asks for that officer's PIN and signs them back in, in the role they last acted in.
 */
export function QuickSwitchPanel({ onLogin }: { onLogin: (officer: Officer, role: Role) => void }) {
  const { t } = useOfficersTranslation();
  const { quickSwitch } = useSessionService();
  // available() drops expired PINs as it reads: the list is read on each change and render.
  const availableCount = () => quickSwitch.available().length;
  useSyncExternalStore(quickSwitch.subscribe, availableCount, availableCount);
  const people = quickSwitch.available();
  const [chosen, setChosen] = useState<Officer | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ pin: string }>();

  // Kept while it says why a PIN ended, so the officer knows to type the password.
  if (people.length === 0 && !failed) return null;

  const submit = async ({ pin }: { pin: string }) => {
    if (!chosen) return;
    setBusy(true);
    try {
      const result = await quickSwitch.unlock(chosen.id, pin);
      if (result.ok) {
        onLogin(result.officer, result.role);
        return;
      }
      form.resetFields();
      if (result.reason === 'pin.wrong') setFailed(t('pin.wrong', { left: result.attemptsLeft }));
      else {
        setFailed(t(result.reason));
        setChosen(null);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="quick-switch" style={{ marginBottom: 24 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('pin.switch_title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('pin.switch_hint')}</Typography.Paragraph>
      {chosen ? (
        <Form form={form} layout="inline" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="pin"
            label={t('pin.enter', { name: chosen.fullName })}
            rules={[{ required: true, message: t('pin.format') }]}
          >
            <Input.Password
              autoFocus
              inputMode="numeric"
              maxLength={8}
              autoComplete="off"
              style={{ width: 140 }}
              data-testid="quick-switch-pin"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="quick-switch-submit">
            {t('pin.submit')}
          </Button>
          <Button type="link" onClick={() => setChosen(null)}>
            {t('pin.cancel')}
          </Button>
        </Form>
      ) : (
        <Space wrap>
          {people.map(({ officer }) => (
            <Button
              key={officer.id}
              onClick={() => {
                setFailed(null);
                setChosen(officer);
              }}
              data-testid={`quick-switch-${officer.username}`}
            >
              {officer.fullName}
            </Button>
          ))}
        </Space>
      )}
      {failed && (
        <Alert type="warning" title={failed} data-testid="quick-switch-failed" style={{ marginTop: 12 }} />
      )}
    </div>
  );
}

/** The account menu's "Đặt mã PIN chuyển nhanh": the signed-in officer's PIN for today, twice. */
export function PinDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useOfficersTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const { quickSwitch } = useSessionService();
  const [form] = Form.useForm<{ pin: string; confirm: string }>();
  const [failed, setFailed] = useState<string | null>(null);

  const submit = async ({ pin }: { pin: string }) => {
    try {
      await quickSwitch.setPin(session.officer, session.role, pin);
      form.resetFields();
      setFailed(null);
      void message.success(t('pin.saved'));
      onClose();
    } catch (error) {
      setFailed(t(error instanceof Error ? error.message : String(error)));
    }
  };

  return (
    <Modal open={open} title={t('pin.title')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('pin.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="pin-form">
        <Form.Item
          name="pin"
          label={t('pin.pin')}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const problem = pinProblem(value ?? '');
                if (problem) throw new Error(t(problem));
              },
            },
          ]}
        >
          <Input.Password
            autoFocus
            inputMode="numeric"
            maxLength={8}
            autoComplete="off"
            data-testid="pin-new"
          />
        </Form.Item>
        <RepeatField
          field="pin"
          label={t('pin.confirm')}
          mismatch={t('pin.mismatch')}
          input={{ inputMode: 'numeric', maxLength: 8, autoComplete: 'off', 'data-testid': 'pin-confirm' }}
        />
        <ErrorAlert message={failed} />
        <Button type="primary" htmlType="submit" data-testid="pin-save">
          {t('pin.save')}
        </Button>
      </Form>
    </Modal>
  );
}
