import type { CSSProperties, ReactNode } from 'react';
import { Button, Form, Input } from 'antd';
import type { FormRule } from 'antd';
import type { PasswordProps } from 'antd/es/input';
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
 * The `confirm` field that must repeat `field` (a new password, PIN or backup passphrase). With
 * `required` (its message) an empty one is refused by that rule alone; `input` passes the input's
 * own props (its test id, keyboard).
 */
export function RepeatField({
  field,
  label,
  mismatch,
  required,
  input,
}: {
  field: string;
  label: string;
  mismatch: string;
  required?: string;
  input: PasswordProps & { 'data-testid': string };
}) {
  const repeats: FormRule = ({ getFieldValue }) => ({
    validator: async (_, value: string | undefined) => {
      if (required !== undefined && !value) return;
      if (value !== getFieldValue(field)) throw new Error(mismatch);
    },
  });
  return (
    <Form.Item
      name="confirm"
      label={label}
      dependencies={[field]}
      rules={required === undefined ? [repeats] : [{ required: true, message: required }, repeats]}
    >
      <Input.Password autoComplete="new-password" {...input} />
    </Form.Item>
  );
}

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
