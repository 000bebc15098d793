import { useState } from 'react';
import { Button, Modal, Radio, Typography } from 'antd';
import type { AdminCounter } from '../../../shared/admin/contract';
import type { IssuedCodeResponse } from '../../../shared/officers';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { useSubmit } from '../../app/useSubmit';
import { useSession } from '../session/service';
import { printEnrolSheet } from './enrol-sheet';
import { useCountersTranslation } from './i18n';

const TTL_CHOICES = [
  { minutes: 60, key: 'counters.ttl_hour' },
  { minutes: 24 * 60, key: 'counters.ttl_day' },
  { minutes: 7 * 24 * 60, key: 'counters.ttl_week' },
] as const;

/** Issues an enrolment code for `counter`, valid for the chosen time. */
export function IssueCodeDialog({
  counter,
  issue,
  onIssued,
  onClose,
}: {
  counter: AdminCounter;
  issue: (ttlMinutes: number) => Promise<IssuedCodeResponse>;
  onIssued: (code: IssuedCodeResponse) => void;
  onClose: () => void;
}) {
  const { t } = useCountersTranslation();
  const [ttl, setTtl] = useState<number>(24 * 60);
  const { busy, failed, run } = useSubmit(t);
  const submit = () => run(async () => onIssued(await issue(ttl)));
  return (
    <Modal
      open
      title={t('counters.issue_title', { counter: counter.name })}
      onCancel={onClose}
      footer={null}
      data-testid="issue-code"
    >
      <Typography.Paragraph>{t('counters.issue_body', { counter: counter.name })}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('counters.ttl')}:{' '}
        <Radio.Group value={ttl} onChange={(e) => setTtl(Number(e.target.value))}>
          {TTL_CHOICES.map((c) => (
            <Radio key={c.minutes} value={c.minutes}>
              {t(c.key)}
            </Radio>
          ))}
        </Radio.Group>
      </Typography.Paragraph>
      <ErrorAlert message={failed} testId="issue-code-failed" />
      <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="issue-code-submit">
        {busy ? t('counters.working') : t('counters.issue_confirm')}
      </Button>
    </Modal>
  );
}

/** The issued code, once: large, with its expiry, to print (A5, Vietnamese) for IT staff. */
export function IssuedCodeDialog({
  counter,
  code,
  issuedBy,
  onClose,
}: {
  counter: AdminCounter;
  code: IssuedCodeResponse;
  issuedBy: string;
  onClose: () => void;
}) {
  const { t } = useCountersTranslation();
  const session = useSession();
  const print = () =>
    printEnrolSheet({
      officeName: session.office.name,
      counterName: counter.name,
      code: code.code,
      expiresAt: code.expiresAt,
      issuedBy,
    });
  return (
    <Modal
      open
      title={t('counters.code_title', { counter: counter.name })}
      onCancel={onClose}
      maskClosable={false}
      footer={[
        <Button key="print" onClick={print} data-testid="issued-code-print">
          {t('counters.print')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose} data-testid="issued-code-close">
          {t('counters.close')}
        </Button>,
      ]}
      data-testid="issued-code"
    >
      <Typography.Paragraph>{t('counters.code_once')}</Typography.Paragraph>
      <Typography.Title level={2} style={{ fontFamily: 'monospace' }} data-testid="issued-code-value">
        {code.code}
      </Typography.Title>
      <Typography.Paragraph data-testid="issued-code-expires" data-expires-at={code.expiresAt}>
        {t('counters.code_expires', { at: formatDateTime(code.expiresAt) })}
      </Typography.Paragraph>
    </Modal>
  );
}
