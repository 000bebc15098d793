import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Result,
  Row,
  Select,
  Table,
} from 'antd';
import { useTranslation } from 'react-i18next';
import {
  validateApplicant,
  type Applicant,
  type CopyType,
  type Dossier,
  type Procedure,
  type ReceivedDocument,
} from '../../../shared/domain';
import { normalizeSearchText } from '../../../shared/workflow/search-text';
import { formatDateTime } from '../../app/format';
import { navigate } from '../../app/router';
import { useLive } from '../../app/useAsync';
import { fieldErrors } from '../../app/validation';
import { useSession } from '../session/service';
import { useIntakeService, type IntakeOutcome } from './service';

interface DocRow {
  documentId: string;
  name: string;
  mandatory: boolean;
  received: boolean;
  count: number;
  copyType: CopyType;
}

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

/** The minute the officer is at: the appointment shown follows the clock while the form is open. */
function useNow(): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date().toISOString()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
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
  const now = useNow();
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
            <Button
              key="print"
              onClick={() => void services.print(formKind, done.dossier, session)}
              data-testid="print-again"
            >
              {t('receive.print_again')} ({formKind})
            </Button>,
            <Button
              key="open"
              onClick={() => navigate({ name: 'dossier', id: done.dossier.id })}
              data-testid="open-dossier"
            >
              {t('receive.open_dossier')}
            </Button>,
            <Button
              key="new"
              type="primary"
              autoFocus
              onClick={() => {
                setDone(null);
                setProcedureId(null);
                setDocs([]);
                form.resetFields();
              }}
              data-testid="receive-new"
            >
              {t('receive.new')}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  return (
    <Form<ApplicantForm>
      form={form}
      layout="vertical"
      initialValues={EMPTY_APPLICANT}
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
              </Descriptions>
            )}
          </Card>
          <Card size="small" title={t('receive.documents')} style={{ marginBottom: 16 }}>
            <Table<DocRow>
              size="small"
              pagination={false}
              rowKey="documentId"
              dataSource={docs}
              data-testid="documents"
              onRow={(d) =>
                ({
                  'data-testid': 'document-row',
                  'data-document-id': d.documentId,
                }) as React.HTMLAttributes<HTMLElement>
              }
              columns={[
                {
                  title: t('receive.doc_received'),
                  width: 70,
                  render: (_, d, i) => (
                    <Checkbox
                      checked={d.received}
                      onChange={(e) =>
                        setDocs(docs.map((x, j) => (j === i ? { ...x, received: e.target.checked } : x)))
                      }
                      data-testid="document-received"
                    />
                  ),
                },
                {
                  title: t('receive.doc_name'),
                  render: (_, d) => (
                    <span>
                      {d.name}
                      {d.mandatory && <span style={{ color: '#cf1322' }}> *</span>}
                    </span>
                  ),
                },
                {
                  title: t('receive.doc_count'),
                  width: 90,
                  render: (_, d, i) => (
                    <InputNumber
                      min={1}
                      max={50}
                      size="small"
                      value={d.count}
                      onChange={(v) =>
                        setDocs(docs.map((x, j) => (j === i ? { ...x, count: Number(v ?? 1) } : x)))
                      }
                    />
                  ),
                },
                {
                  title: t('receive.doc_copy_type'),
                  width: 170,
                  render: (_, d, i) => (
                    <Select<CopyType>
                      size="small"
                      style={{ width: '100%' }}
                      value={d.copyType}
                      onChange={(v) => setDocs(docs.map((x, j) => (j === i ? { ...x, copyType: v } : x)))}
                      options={(['original', 'certified_copy', 'copy'] as const).map((c) => ({
                        value: c,
                        label: t(`copy_type.${c}`),
                      }))}
                    />
                  ),
                },
              ]}
            />
            {missingError && (
              <Alert
                type="error"
                title={missingError}
                style={{ marginTop: 8 }}
                data-testid="missing-mandatory"
              />
            )}
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title={t('receive.applicant')} style={{ marginBottom: 16 }}>
            <Form.Item name="kind" label={t('receive.kind')}>
              <Radio.Group
                options={[
                  { value: 'individual', label: t('receive.kind_individual') },
                  { value: 'organisation', label: t('receive.kind_organisation') },
                ]}
              />
            </Form.Item>
            <Form.Item name="fullName" label={t('receive.full_name')} required>
              <Input data-testid="applicant-fullName" />
            </Form.Item>
            {kind === 'individual' ? (
              <Form.Item name="idNumber" label={t('receive.id_number')} required>
                <Input inputMode="numeric" data-testid="applicant-idNumber" />
              </Form.Item>
            ) : (
              <Form.Item name="taxCode" label={t('receive.tax_code')} required>
                <Input inputMode="numeric" data-testid="applicant-taxCode" />
              </Form.Item>
            )}
            <Row gutter={8}>
              <Col span={12}>
                <Form.Item name="phone" label={t('receive.phone')}>
                  <Input inputMode="tel" data-testid="applicant-phone" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="email" label={t('receive.email')}>
                  <Input data-testid="applicant-email" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="address" label={t('receive.address')} required>
              <Input data-testid="applicant-address" />
            </Form.Item>
          </Card>
          <Card size="small" title={t('receive.appointment')}>
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
        </Col>
      </Row>
      {modal && (
        <IntakeModal
          open
          kind={modal}
          missing={docs.filter((d) => !d.received).map((d) => d.name)}
          busy={busy}
          onCancel={() => setModal(null)}
          onSubmit={(outcome) => void submit(outcome)}
        />
      )}
    </Form>
  );
}

function IntakeModal({
  open,
  kind,
  missing,
  busy,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  kind: 'incomplete' | 'refused';
  missing: string[];
  busy: boolean;
  onCancel: () => void;
  onSubmit: (outcome: IntakeOutcome) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  // Mounted per opening: starts with every document not ticked as received.
  const [selected, setSelected] = useState<string[]>(missing);
  // Each missing document goes on form 02 with the reason, so both are needed.
  const valid = kind === 'refused' ? text.trim().length > 0 : selected.length > 0 && text.trim().length > 0;
  return (
    <Modal
      open={open}
      title={kind === 'incomplete' ? t('receive.incomplete') : t('receive.refuse')}
      onCancel={onCancel}
      okText={t('step.confirm')}
      cancelText={t('step.cancel')}
      okButtonProps={{ disabled: !valid, loading: busy, ...{ 'data-testid': 'intake-modal-ok' } }}
      onOk={() =>
        onSubmit(
          kind === 'incomplete'
            ? { outcome: 'incomplete', missing: selected, note: text.trim() }
            : { outcome: 'refused', reason: text.trim() },
        )
      }
      destroyOnHidden
    >
      {kind === 'incomplete' && (
        <>
          <p>{t('receive.missing_docs')}</p>
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 12 }}
            value={selected}
            onChange={(v) => setSelected(v as string[])}
            options={missing.map((m) => ({ value: m, label: m }))}
          />
        </>
      )}
      <p>{kind === 'incomplete' ? t('receive.supplement_reason') : t('receive.refuse_reason')}</p>
      <Input.TextArea
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoFocus
        data-testid="intake-modal-text"
      />
    </Modal>
  );
}
