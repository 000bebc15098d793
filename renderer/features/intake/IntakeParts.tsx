import { useState } from 'react';
import { Card, Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Applicant, CopyType } from '../../../shared/domain';
import type { IntakeOutcome } from './service';

/** One document of the procedure's list as the officer ticks it at the counter. */
export interface DocRow {
  documentId: string;
  name: string;
  mandatory: boolean;
  received: boolean;
  count: number;
  copyType: CopyType;
}

/** The procedure's documents: received or not, how many, and in which form. */
export function DocumentsTable({ docs, onChange }: { docs: DocRow[]; onChange: (docs: DocRow[]) => void }) {
  const { t } = useTranslation();
  const setDocs = onChange;
  return (
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
              onChange={(v) => setDocs(docs.map((x, j) => (j === i ? { ...x, count: Number(v ?? 1) } : x)))}
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
  );
}

/** The applicant's identity and contact fields (fields of the intake form). */
export function ApplicantCard({ kind }: { kind: Applicant['kind'] }) {
  const { t } = useTranslation();
  return (
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
        <Input autoComplete="off" data-testid="applicant-fullName" />
      </Form.Item>
      {kind === 'individual' ? (
        <Form.Item name="idNumber" label={t('receive.id_number')} required>
          <Input inputMode="numeric" autoComplete="off" data-testid="applicant-idNumber" />
        </Form.Item>
      ) : (
        <Form.Item name="taxCode" label={t('receive.tax_code')} required>
          <Input inputMode="numeric" autoComplete="off" data-testid="applicant-taxCode" />
        </Form.Item>
      )}
      <Row gutter={8}>
        <Col span={12}>
          <Form.Item name="phone" label={t('receive.phone')}>
            <Input inputMode="tel" autoComplete="off" data-testid="applicant-phone" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="email" label={t('receive.email')}>
            <Input autoComplete="off" data-testid="applicant-email" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={t('receive.address')} required>
        <Input autoComplete="off" data-testid="applicant-address" />
      </Form.Item>
    </Card>
  );
}

/** The incomplete or refused intake: the missing documents and the reason. */
export function IntakeModal({
  open,
  kind,
  missing,
  busy,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  kind: 'incomplete' | 'refused';
  /** The documents not ticked as received; the mandatory ones are what form 02 must ask for. */
  missing: { name: string; mandatory: boolean }[];
  busy: boolean;
  onCancel: () => void;
  onSubmit: (outcome: IntakeOutcome) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  // Mounted per opening: starts with the mandatory documents not ticked as received; the officer
  // adds an optional one only when the procedure's case needs it.
  const [selected, setSelected] = useState<string[]>(() =>
    missing.filter((d) => d.mandatory).map((d) => d.name),
  );
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
            options={missing.map((d) => ({ value: d.name, label: d.mandatory ? `${d.name} *` : d.name }))}
            data-testid="intake-missing"
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
