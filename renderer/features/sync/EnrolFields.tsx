import { Form, Input, Typography } from 'antd';

/** What the enrolment fields say, in the words of the screen that shows them. */
export interface EnrolFieldTexts {
  title: string;
  body: string;
  serverUrl: string;
  code: string;
  required: string;
  urlInvalid: string;
}

/**
 * The province server's address and the one-time enrolment code a counter joins with: on the
 * first-run screen and in the sync panel. The form around them submits `{ serverUrl, code }`.
 */
export function EnrolFields({
  texts,
  testIds,
  urlPlaceholder,
  codePlaceholder,
  autoFocus,
}: {
  texts: EnrolFieldTexts;
  testIds: { url: string; code: string };
  urlPlaceholder: string;
  codePlaceholder?: string;
  autoFocus?: boolean;
}) {
  return (
    <>
      <Typography.Title level={5}>{texts.title}</Typography.Title>
      <Typography.Paragraph type="secondary">{texts.body}</Typography.Paragraph>
      <Form.Item
        name="serverUrl"
        label={texts.serverUrl}
        rules={[
          { required: true, message: texts.required },
          { pattern: /^https?:\/\/\S+$/, message: texts.urlInvalid },
        ]}
      >
        <Input placeholder={urlPlaceholder} data-testid={testIds.url} autoFocus={autoFocus} />
      </Form.Item>
      <Form.Item name="code" label={texts.code} rules={[{ required: true, message: texts.required }]}>
        <Input placeholder={codePlaceholder} autoComplete="off" data-testid={testIds.code} />
      </Form.Item>
    </>
  );
}

/** The texts of the enrolment fields under one i18n prefix (`firstrun.connect`, `syncui.enrol`). */
export const enrolFieldTexts = (t: (key: string) => string, prefix: string): EnrolFieldTexts => ({
  title: t(`${prefix}.title`),
  body: t(`${prefix}.body`),
  serverUrl: t(`${prefix}.server_url`),
  code: t(`${prefix}.code`),
  required: t(`${prefix}.required`),
  urlInvalid: t(`${prefix}.url_invalid`),
});
