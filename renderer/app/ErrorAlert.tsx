import type { CSSProperties } from 'react';
import { Alert } from 'antd';

/** A form's or screen's failure, above what follows it; nothing when there is none. */
export function ErrorAlert({
  message,
  testId,
  style = { marginBottom: 16 },
}: {
  message: string | null | undefined;
  testId?: string;
  style?: CSSProperties;
}) {
  if (!message) return null;
  return <Alert type="error" title={message} style={style} data-testid={testId} />;
}
