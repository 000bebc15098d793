import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Flex, Form, Result, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  validateApplicant,
  type Applicant,
  type Dossier,
  type Procedure,
  type ReceivedDocument,
} from '../../../shared/domain';
import { normalizeSearchText } from '../../../shared/workflow/search-text';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime, formatFees } from '../../app/format';
import { navigate } from '../../app/router';
import { IntakeScans } from '../scans/IntakeScans';
import { useLive } from '../../app/useAsync';
import { useNow } from '../../app/useNow';
import { fieldErrors } from '../../app/validation';
import { useSession } from '../session/service';
import { ApplicantCard, DocumentsTable, IntakeModal, type DocRow } from './IntakeParts';
import type { FormKind } from '../printing';
import { useIntakeService, type IntakeOutcome } from './service';

type ApplicantForm = {
  kind: Applicant['kind'];
  fullName: string;
  idNumber: string;
  taxCode: string;
  phone: string;
  email: string;
  address: string;
};

const EMPTY_APPLICANT: ApplicantForm = {
  kind: 'individual',
  fullName: '',
  idNumber: '',
  taxCode: '',
  phone: '',
  email: '',
  address: '',
};

function docsFor(procedure: Procedure | undefined): DocRow[] {
  return (procedure?.requiredDocuments ?? []).map((d) => ({
    documentId: d.id,
    name: d.name,
    mandatory: d.mandatory,
    received: false,
    count: d.count,
    copyType: d.copyType,
  }));
}

export function legalTimeLabel(
  t: (key: string, o?: Record<string, unknown>) => string,
  p: Procedure,
): string {
  return p.legalTime.unit === 'immediate'
    ? t('legal_time.immediate')
    : t(`legal_time.${p.legalTime.unit}`, { value: p.legalTime.value });
}

/** Step 1, tiếp nhận: procedure, documents, applicant, appointment shown before confirming. */
export function ReceiveScreen() {
  const { t } = useTranslation();
  const services = useIntakeService();
  const session = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<ApplicantForm>();
  const procedures = useLive(() => services.listProcedures(), []);
  const [procedureId, setProcedureId] = useState<string | null>(null);
  const [docs, setDocs] = useState<DocRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [modal, setModal] = useState<null | 'incomplete' | 'refused'>(null);
  const [done, setDone] = useState<{ dossier: Dossier; outcome: IntakeOutcome['outcome'] } | null>(null);
  const [missingError, setMissingError] = useState<string | null>(null);
  const now = useNow(30_000);
  const kind = Form.useWatch('kind', form) ?? 'individual';

  const procedure = procedures.data?.find((p) => p.id === procedureId);
  const appointment = useMemo(
    () => (procedure ? services.computeDueAt(now, procedure) : ''),
    [procedure, now, services],
  );

  const chooseProcedure = (id: string) => {
    setProcedureId(id);
    setDocs(docsFor(procedures.data?.find((p) => p.id === id)));
    setMissingError(null);
  };

  const readApplicant = async (): Promise<Applicant | null> => {
    const values = { ...EMPTY_APPLICANT, ...form.getFieldsValue() };
    const checked = validateApplicant(values);
    form.setFields(
      fieldErrors(Object.keys(EMPTY_APPLICANT) as (keyof ApplicantForm)[], checked.ok ? {} : checked.errors),
    );
    return checked.ok ? checked.value : null;
  };

  const receivedDocs = (): ReceivedDocument[] =>
    docs
      .filter((d) => d.received)
      .map((d) => ({ documentId: d.documentId, name: d.name, copyType: d.copyType, count: d.count }));

  const submit = async (result: IntakeOutcome) => {
    if (!procedure) return;
    const applicant = await readApplicant();
    if (!applicant) return;
    if (result.outcome === 'received') {
      const missing = docs.filter((d) => d.mandatory && !d.received);
      if (missing.length > 0) {
        setMissingError(t('receive.missing_mandatory', { names: missing.map((d) => d.name).join('; ') }));
        return;
      }
    }
    setMissingError(null);
    setBusy(true);
    try {
      const dossier = await services.receive(
        { procedure, applicant, documents: receivedDocs(), receivedAt: new Date().toISOString(), result },
        session,
      );
      setModal(null);
      setDone({ dossier, outcome: result.outcome });
      const formKind = result.outcome === 'received' ? '01' : result.outcome === 'incomplete' ? '02' : '03';
      await services
        .print(formKind, dossier, session)
        .catch((e: unknown) => message.error(t('errors.print_failed', { message: String(e) })));
    } catch (e) {
      message.error(t('errors.generic', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <ReceiveDone
        done={done}
        onPrint={(formKind) => void services.print(formKind, done.dossier, session)}
        onNew={() => {
          setDone(null);
          setProcedureId(null);
          setDocs([]);
          form.resetFields();
        }}
      />
    );
  }

  return (
    <Form<ApplicantForm>
      form={form}
      layout="vertical"
      initialValues={EMPTY_APPLICANT}
      // Applicants' details must never enter the browser's autofill store (plaintext, offered to the next applicant).
      autoComplete="off"
      onFinish={() => void submit({ outcome: 'received' })}
      data-testid="receive-screen"
    >
      <Row gutter={16}>
        <Col span={14}>
          <Card size="small" title={t('receive.procedure')} style={{ marginBottom: 16 }}>
            <Select
              showSearch={{
                filterOption: (input, option) =>
                  normalizeSearchText(String(option?.label ?? '')).includes(normalizeSearchText(input)),
              }}
              autoFocus
              style={{ width: '100%' }}
              placeholder={t('receive.procedure_placeholder')}
              value={procedureId}
              onChange={chooseProcedure}
              loading={procedures.loading}
              options={(procedures.data ?? []).map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` }))}
              data-testid="procedure-select"
            />
            {procedure && (
              <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
                <Descriptions.Item label={t('receive.legal_time')}>
                  {legalTimeLabel(t, procedure)}
                </Descriptions.Item>
                <Descriptions.Item label={t('receive.fee')}>
                  <span data-testid="procedure-fee">
                    {formatFees(procedure.fees) || t('receive.fee_none')}
                  </span>
                </Descriptions.Item>
              </Descriptions>
            )}
          </Card>
          <Card size="small" title={t('receive.documents')} style={{ marginBottom: 16 }}>
            <DocumentsTable docs={docs} onChange={setDocs} />
            <ErrorAlert message={missingError} style={{ marginTop: 8 }} testId="missing-mandatory" />
          </Card>
        </Col>
        <Col span={10}>
          {/* The appointment and the three outcomes first, so they show on a 1366×768 screen. */}
          <Card size="small" title={t('receive.appointment')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('receive.received_at')}>{formatDateTime(now)}</Descriptions.Item>
            </Descriptions>
            <div className="appointment" data-testid="appointment" data-due-at={appointment}>
              {appointment ? formatDateTime(appointment) : t('receive.appointment_none')}
            </div>
            <Flex gap={8} wrap style={{ marginTop: 16 }}>
              <Button
                type="primary"
                htmlType="submit"
                loading={busy}
                disabled={!procedure}
                data-testid="receive-confirm"
              >
                {t('receive.confirm')}
              </Button>
              <Button
                disabled={!procedure}
                onClick={() => setModal('incomplete')}
                data-testid="receive-incomplete"
              >
                {t('receive.incomplete')}
              </Button>
              <Button
                danger
                disabled={!procedure}
                onClick={() => setModal('refused')}
                data-testid="receive-refuse"
              >
                {t('receive.refuse')}
              </Button>
            </Flex>
          </Card>
          <ApplicantCard kind={kind} />
        </Col>
      </Row>
      {modal && (
        <IntakeModal
          open
          kind={modal}
          missing={docs.filter((d) => !d.received)}
          busy={busy}
          onCancel={() => setModal(null)}
          onSubmit={(outcome) => void submit(outcome)}
        />
      )}
    </Form>
  );
}

/** The intake recorded: its code or outcome, the appointment, and what the officer does next. */
function ReceiveDone({
  done,
  onPrint,
  onNew,
}: {
  done: { dossier: Dossier; outcome: IntakeOutcome['outcome'] };
  onPrint: (form: FormKind) => void;
  onNew: () => void;
}) {
  const { t } = useTranslation();
  const formKind = done.outcome === 'received' ? '01' : done.outcome === 'incomplete' ? '02' : '03';
  return (
    <Card
      data-testid="receive-done"
      data-outcome={done.outcome}
      data-dossier-id={done.dossier.id}
      data-code={done.dossier.code}
    >
      <Result
        status={done.outcome === 'received' ? 'success' : 'warning'}
        title={
          done.outcome === 'received' ? (
            <span>
              {t('receive.done_title', { code: '' })}
              <span data-testid="issued-code">{done.dossier.code}</span>
            </span>
          ) : done.outcome === 'incomplete' ? (
            t('receive.done_incomplete')
          ) : (
            t('receive.done_refused')
          )
        }
        subTitle={
          done.dossier.dueAt
            ? `${t('receive.appointment')}: ${formatDateTime(done.dossier.dueAt)}`
            : undefined
        }
        extra={[
          <Button key="print" onClick={() => onPrint(formKind)} data-testid="print-again">
            {t('receive.print_again')} ({formKind})
          </Button>,
          <Button
            key="open"
            onClick={() => navigate({ name: 'dossier', id: done.dossier.id })}
            data-testid="open-dossier"
          >
            {t('receive.open_dossier')}
          </Button>,
          <Button key="new" type="primary" autoFocus onClick={onNew} data-testid="receive-new">
            {t('receive.new')}
          </Button>,
        ]}
      />
      {done.outcome !== 'refused' && <IntakeScans dossier={done.dossier} />}
    </Card>
  );
}
