import { Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  adminOfficeSchema,
  listOf,
  sectorChoiceSchema,
  type AdminOffice,
  type OfficeInput,
} from '../../../../shared/admin/contract';
import { OFFICE_LEVELS } from '../../../../shared/domain/office';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';

/** Creates an office (`office` null) or edits one: agency code, name, address, sectors served. */
export function OfficeForm({
  office,
  onClose,
  onSaved,
}: {
  office: AdminOffice | null;
  onClose(): void;
  onSaved(office: AdminOffice): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<OfficeInput>();
  const [sectors, setSectors] = useState<{ value: string; label: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api('GET', '/sectors', listOf(sectorChoiceSchema))
      .then(({ items }) => setSectors(items.map((s) => ({ value: s.id, label: s.name }))))
      .catch(() => setSectors([]));
  }, []);

  const save = async () => {
    const fields = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const saved = office
        ? await api('PUT', `/offices/${encodeURIComponent(office.id)}`, adminOfficeSchema, {
            ...fields,
            id: office.id,
          })
        : await api('POST', '/offices', adminOfficeSchema, fields);
      onSaved(saved);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, message: t('form.required') };
  return (
    <Modal
      open
      title={office ? t('offices.edit') : t('offices.new')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('form.save')}
      cancelText={t('form.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'office-save' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={office ?? { level: 'commune', sectorIds: [], parentName: '', address: '', phone: '' }}
      >
        <Form.Item
          name="id"
          label={t('offices.id')}
          rules={[required, { pattern: /^[A-Za-z0-9._:-]{1,64}$/, message: t('form.id_format') }]}
        >
          <Input disabled={office !== null} data-testid="office-id" />
        </Form.Item>
        <Form.Item
          name="agencyCode"
          label={t('offices.agency_code')}
          extra={t('offices.agency_code_hint')}
          rules={[
            required,
            { pattern: /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/, message: t('offices.agency_code_format') },
          ]}
        >
          <Input placeholder="000.17.22.H56" data-testid="office-agency" />
        </Form.Item>
        <Form.Item name="name" label={t('offices.name')} rules={[required]}>
          <Input data-testid="office-name" />
        </Form.Item>
        <Form.Item name="level" label={t('offices.level')} rules={[required]}>
          <Select options={OFFICE_LEVELS.map((l) => ({ value: l, label: t(`offices.levels.${l}`) }))} />
        </Form.Item>
        <Form.Item name="parentName" label={t('offices.parent_name')}>
          <Input data-testid="office-parent" />
        </Form.Item>
        <Form.Item name="address" label={t('offices.address')}>
          <Input data-testid="office-address" />
        </Form.Item>
        <Form.Item name="phone" label={t('offices.phone')}>
          <Input data-testid="office-phone" />
        </Form.Item>
        <Form.Item name="sectorIds" label={t('offices.sectors')}>
          <Select mode="multiple" options={sectors} data-testid="office-sectors" />
        </Form.Item>
      </Form>
      {error && (
        <div role="alert" style={{ color: '#b71c1c' }} data-testid="office-error">
          {error}
        </div>
      )}
    </Modal>
  );
}
