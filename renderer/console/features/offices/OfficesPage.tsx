import { ListTable } from '../../app/ListTable';
import { ErrorAlert } from '../../app/ErrorAlert';
import { Button, Card, Flex, Form, Input, Space } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  adminCounterSchema,
  listOf,
  type AdminCounter,
  type AdminOffice,
} from '../../../../shared/admin/contract';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import type { ConsolePageProps } from '../../app/page';
import { useApiData } from '../../app/useApiData';
import { EnrolCodeModal } from './EnrolCodeModal';
import { OfficeForm } from './OfficeForm';

/** Offices (create, edit) and the chosen office's counters (add, rename, enrolment code). */
export function OfficesPage({ me, offices, office, selectOffice, reloadOffices }: ConsolePageProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<AdminOffice | 'new' | null>(null);
  return (
    <Flex vertical gap={24}>
      <Card
        title={t('offices.list')}
        extra={
          me.officeId === null && (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="office-new">
              {t('offices.new')}
            </Button>
          )
        }
      >
        <ListTable<AdminOffice>
          rowTestId="office-row"
          dataSource={offices}
          rowClassName={(o) => (o.id === office?.id ? 'ant-table-row-selected' : '')}
          columns={[
            { title: t('offices.agency_code'), dataIndex: 'agencyCode' },
            { title: t('offices.name'), dataIndex: 'name' },
            { title: t('offices.address'), dataIndex: 'address' },
            { title: t('offices.sectors'), render: (_, o) => o.sectorIds.length },
            {
              title: '',
              render: (_, o) => (
                <Space>
                  <Button size="small" onClick={() => selectOffice(o.id)} data-testid="office-choose">
                    {t('offices.choose')}
                  </Button>
                  <Button size="small" onClick={() => setEditing(o)} data-testid="office-edit">
                    {t('offices.edit')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {office && <Counters office={office} />}
      {editing && (
        <OfficeForm
          office={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            reloadOffices();
            selectOffice(saved.id);
          }}
        />
      )}
    </Flex>
  );
}

function Counters({ office }: { office: AdminOffice }) {
  const { t } = useTranslation();
  const [enrolFor, setEnrolFor] = useState<AdminCounter | null>(null);
  const [failed, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ id: string; name: string }>();
  const base = `/offices/${encodeURIComponent(office.id)}/counters`;
  const load = useCallback(async () => (await api('GET', base, listOf(adminCounterSchema))).items, [base]);
  const { data: counters, error: loadError, reload } = useApiData(load, [] as AdminCounter[]);
  const error = failed ?? loadError;

  const add = async (fields: { id: string; name: string }) => {
    setError(null);
    try {
      await api('POST', base, adminCounterSchema, fields);
      form.resetFields();
      reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const rename = async (counter: AdminCounter) => {
    const name = window.prompt(t('counters.rename'), counter.name)?.trim();
    if (!name || name === counter.name) return;
    try {
      await api('PUT', `${base}/${encodeURIComponent(counter.id)}`, adminCounterSchema, { name });
      reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <Card title={t('counters.title', { office: office.name })} data-testid="counters" data-office={office.id}>
      <Form form={form} layout="inline" onFinish={(f) => void add(f)} style={{ marginBottom: 16 }}>
        <Form.Item
          name="id"
          rules={[{ required: true, pattern: /^[A-Za-z0-9._:-]{1,64}$/, message: t('form.id_format') }]}
        >
          <Input placeholder={t('counters.id')} data-testid="counter-id" />
        </Form.Item>
        <Form.Item name="name" rules={[{ required: true, message: t('form.required') }]}>
          <Input placeholder={t('counters.name')} data-testid="counter-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="counter-add">
          {t('counters.add')}
        </Button>
      </Form>
      <ErrorAlert message={error} testId="counters-error" />
      <ListTable<AdminCounter>
        rowTestId="counter-row"
        dataSource={counters}
        columns={[
          { title: t('counters.id'), dataIndex: 'id' },
          { title: t('counters.name'), dataIndex: 'name' },
          {
            title: '',
            render: (_, c) => (
              <Space>
                <Button size="small" onClick={() => void rename(c)}>
                  {t('counters.rename')}
                </Button>
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setEnrolFor(c)}
                  data-testid="counter-enrol"
                >
                  {t('counters.enrol')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {enrolFor && <EnrolCodeModal office={office} counter={enrolFor} onClose={() => setEnrolFor(null)} />}
    </Card>
  );
}
