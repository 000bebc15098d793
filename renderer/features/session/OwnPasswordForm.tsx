import type { CSSProperties, ReactNode } from 'react';
import { Button, Form, Input } from 'antd';
import type { FormRule } from 'antd';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useSubmit } from '../../app/useSubmit';

/** The field where the signed-in officer types their current password (required). */
export function CurrentPasswordItem({
  name,
  label,
  required,
  testId,
}: {
  name: string;
  label: string;
  required: string;
  testId: string;
}) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: required }]}>
      <Input.Password autoFocus autoComplete="current-password" data-testid={testId} />
    </Form.Item>
  );
}

/**
 * A second field that must repeat `field` (a new password or PIN). With `skipEmpty` an empty value
 * is left to the field's own `required` rule.
 */
export const repeats =
  (field: string, mismatch: string, skipEmpty = false): FormRule =>
  ({ getFieldValue }) => ({
    validator: async (_, value: string | undefined) => {
      if (skipEmpty && !value) return;
      if (value !== getFieldValue(field)) throw new Error(mismatch);
    },
  });

/**
 * The signed-in officer's own password, asked again before an action it confirms or signs: the
 * field, the failure (the thrown i18n key put through `translate`) and the submit button.
 */
export function OwnPasswordForm({
  texts,
  testIds,
  translate,
  onPassword,
  intro,
  style,
}: {
  texts: { label: string; required: string; submit: string; working: string };
  testIds: { password: string; failed: string; submit: string };
  translate: (key: string) => string;
  onPassword: (password: string) => Promise<void>;
  intro?: ReactNode;
  style?: CSSProperties;
}) {
  const { busy, failed, run } = useSubmit(translate);
  return (
    <Form
      layout="vertical"
      onFinish={({ password }: { password: string }) => run(() => onPassword(password))}
      requiredMark={false}
      style={style}
    >
      {intro}
      <CurrentPasswordItem
        name="password"
        label={texts.label}
        required={texts.required}
        testId={testIds.password}
      />
      <ErrorAlert message={failed} testId={testIds.failed} />
      <Button type="primary" htmlType="submit" loading={busy} data-testid={testIds.submit}>
        {busy ? texts.working : texts.submit}
      </Button>
    </Form>
  );
}
