import { Alert, Button, Descriptions, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  adminEnrolCodeResponseSchema,
  type AdminCounter,
  type AdminOffice,
} from '../../../../shared/admin/contract';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';

/** How long a code may stay valid: an hour to the seven days the server allows. */
const TTL_CHOICES = [60, 24 * 60, 3 * 24 * 60, 7 * 24 * 60];

/**
 * Issues a one-time enrolment code for a named counter and shows it with its expiry, ready to print
 * for the IT staff who set up the PC (only the printed sheet shows when printing).
 */
export function EnrolCodeModal({
  office,
  counter,
  onClose,
}: {
  office: AdminOffice;
  counter: AdminCounter;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const [ttl, setTtl] = useState(24 * 60);
  const [issued, setIssued] = useState<{ code: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const issue = async () => {
    setBusy(true);
    setError(null);
    try {
      const path = `/offices/${encodeURIComponent(office.id)}/counters/${encodeURIComponent(counter.id)}/enrol-code`;
      setIssued(await api('POST', path, adminEnrolCodeResponseSchema, { ttlMinutes: ttl }));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const expiry = issued
    ? new Date(issued.expiresAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN')
    : '';

  return (
    <Modal open title={t('enrol.title')} onCancel={onClose} footer={null} width={560} destroyOnHidden>
      {issued ? (
        <div className="print-area" data-testid="enrol-sheet">
          <Typography.Title level={4}>{t('enrol.sheet_title')}</Typography.Title>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item
              label={t('enrol.office')}
            >{`${office.name} (${office.agencyCode})`}</Descriptions.Item>
            <Descriptions.Item label={t('enrol.counter')}>{counter.name}</Descriptions.Item>
            <Descriptions.Item label={t('enrol.server')}>{location.origin}</Descriptions.Item>
            <Descriptions.Item label={t('enrol.code')}>
              <Typography.Text
                strong
                style={{ fontSize: 22, letterSpacing: 2 }}
                data-testid="enrol-code"
                data-code={issued.code}
              >
                {issued.code}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('enrol.expires')}>
              <span data-testid="enrol-expiry" data-expires={issued.expiresAt}>
                {expiry}
              </span>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ marginTop: 12 }}>{t('enrol.instructions')}</Typography.Paragraph>
          <Button
            type="primary"
            className="no-print"
            onClick={() => window.print()}
            data-testid="enrol-print"
          >
            {t('enrol.print')}
          </Button>
        </div>
      ) : (
        <>
          <Typography.Paragraph>{t('enrol.explain', { counter: counter.name })}</Typography.Paragraph>
          <Select
            value={ttl}
            onChange={setTtl}
            style={{ width: 220, marginRight: 12 }}
            options={TTL_CHOICES.map((m) => ({ value: m, label: t('enrol.ttl', { count: m / 60 }) }))}
          />
          <Button type="primary" loading={busy} onClick={() => void issue()} data-testid="enrol-issue">
            {t('enrol.issue')}
          </Button>
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
        </>
      )}
    </Modal>
  );
}
