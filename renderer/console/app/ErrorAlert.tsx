import { Alert } from 'antd';

/** A page's or dialog's last error, above its content; nothing when there is none. */
export function ErrorAlert({ message, testId }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return <Alert type="error" showIcon title={message} style={{ marginBottom: 12 }} data-testid={testId} />;
}
