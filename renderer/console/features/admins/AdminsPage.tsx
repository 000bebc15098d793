import { ErrorAlert } from '../../app/ErrorAlert';
import { Button, Card, Form, Input, Select, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminAccountSchema, listOf, type AdminAccount } from '../../../../shared/admin/contract';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import type { ConsolePageProps } from '../../app/page';
import { useApiData } from '../../app/useApiData';

interface Fields {
  username: string;
  password: string;
  officeId: string | null;
}

/** The province's admin accounts: another province admin, or an office admin who sees one office. */
export function AdminsPage({ offices }: ConsolePageProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Fields>();
  const [failed, setError] = useState<string | null>(null);
  const load = useCallback(async () => (await api('GET', '/admins', listOf(adminAccountSchema))).items, []);
  const { data: admins, error: loadError, reload } = useApiData(load, [] as AdminAccount[]);
  const error = failed ?? loadError;
  const officeName = (id: string | null) =>
    id === null ? t('admins.every_office') : (offices.find((o) => o.id === id)?.name ?? id);

  const create = async (fields: Fields) => {
    setError(null);
    try {
      await api('POST', '/admins', adminAccountSchema.pick({ id: true, username: true }), {
        ...fields,
        officeId: fields.officeId ?? null,
      });
      form.resetFields();
      reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <Card>
      <Form<Fields> form={form} layout="inline" onFinish={(f) => void create(f)} style={{ marginBottom: 16 }}>
        <Form.Item
          name="username"
          rules={[{ required: true, pattern: /^[a-z0-9._-]{3,50}$/, message: t('officers.username_format') }]}
        >
          <Input placeholder={t('signin.username')} autoComplete="off" data-testid="admin-username" />
        </Form.Item>
        <Form.Item name="password" rules={[{ required: true, min: 10, message: t('admins.password_rule') }]}>
          <Input.Password placeholder={t('signin.password')} autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="officeId">
          <Select
            allowClear
            style={{ minWidth: 260 }}
            placeholder={t('admins.every_office')}
            options={offices.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('admins.create')}
        </Button>
      </Form>
      <ErrorAlert message={error} />
      <Table<AdminAccount>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={admins}
        columns={[
          { title: t('signin.username'), dataIndex: 'username' },
          { title: t('admins.scope'), render: (_, a) => officeName(a.officeId) },
          { title: 'TOTP', render: (_, a) => (a.totpEnabled ? <Tag color="green">✓</Tag> : <Tag>—</Tag>) },
          { title: '', render: (_, a) => a.locked && <Tag color="red">{t('admins.locked')}</Tag> },
        ]}
      />
    </Card>
  );
}
