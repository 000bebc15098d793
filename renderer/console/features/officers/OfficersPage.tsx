import { ErrorAlert } from '../../app/ErrorAlert';
import { Button, Card, Checkbox, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  adminOfficerSchema,
  listOf,
  oneTimePasswordResponseSchema,
  type AdminOffice,
  type AdminOfficer,
} from '../../../../shared/admin/contract';
import { ROLES, type Role } from '../../../../shared/domain/roles';
import { z } from 'zod';
import { api } from '../../app/api';
import { ConfirmButton } from '../../app/ConfirmButton';
import { errorText } from '../../app/errors';
import type { ConsolePageProps } from '../../app/page';
import { useApiData } from '../../app/useApiData';

const createdSchema = z.object({ officer: adminOfficerSchema, password: z.string() });
const activeSchema = z.object({ officerId: z.string(), active: z.boolean() });

/**
 * The chosen office's officers: create with a one-time password, roles, password reset,
 * deactivation. Counters apply each change at their next sync.
 */
export function OfficersPage({ office }: ConsolePageProps) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [rolesOf, setRolesOf] = useState<AdminOfficer | null>(null);
  const [password, setPassword] = useState<{ username: string; password: string } | null>(null);
  const [failed, setError] = useState<string | null>(null);
  const officeId = (office as AdminOffice).id;
  const load = useCallback(
    async () =>
      (await api('GET', `/offices/${encodeURIComponent(officeId)}/officers`, listOf(adminOfficerSchema)))
        .items,
    [officeId],
  );
  const { data: officers, error: loadError, reload } = useApiData(load, [] as AdminOfficer[]);
  const error = failed ?? loadError;

  const act = async (task: () => Promise<void>) => {
    setError(null);
    try {
      await task();
      reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const reset = (o: AdminOfficer) =>
    act(async () => {
      const answer = await api(
        'POST',
        `/officers/${encodeURIComponent(o.id)}/password`,
        oneTimePasswordResponseSchema,
        {},
      );
      setPassword({ username: o.username, password: answer.password });
    });
  const setActive = (o: AdminOfficer, active: boolean) =>
    act(
      async () =>
        void (await api('POST', `/officers/${encodeURIComponent(o.id)}/active`, activeSchema, { active })),
    );

  return (
    <Card
      title={t('officers.of', { office: office?.name })}
      extra={
        <Button type="primary" onClick={() => setCreating(true)} data-testid="officer-new">
          {t('officers.new')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('officers.next_sync')}</Typography.Paragraph>
      <ErrorAlert message={error} testId="officers-error" />
      <Table<AdminOfficer>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={officers}
        onRow={(o) =>
          ({
            'data-testid': 'officer-row',
            'data-username': o.username,
            'data-active': String(o.active),
          }) as object
        }
        columns={[
          { title: t('officers.username'), dataIndex: 'username' },
          { title: t('officers.full_name'), dataIndex: 'fullName' },
          {
            title: t('officers.roles'),
            render: (_, o) => o.roles.map((r) => <Tag key={r}>{t(`roles.${r}`)}</Tag>),
          },
          {
            title: t('officers.state'),
            render: (_, o) => (
              <Space>
                {o.active ? (
                  <Tag color="green">{t('officers.active')}</Tag>
                ) : (
                  <Tag>{t('officers.inactive')}</Tag>
                )}
                {o.mustChangePassword && <Tag color="orange">{t('officers.must_change')}</Tag>}
              </Space>
            ),
          },
          {
            title: '',
            render: (_, o) => (
              <Space wrap>
                <Button size="small" onClick={() => setRolesOf(o)} data-testid="officer-roles">
                  {t('officers.edit_roles')}
                </Button>
                <ConfirmButton
                  question={t('officers.reset_confirm')}
                  label={t('officers.reset')}
                  onConfirm={() => void reset(o)}
                  testId="officer-reset"
                />
                <Button
                  size="small"
                  danger={o.active}
                  onClick={() => void setActive(o, !o.active)}
                  data-testid="officer-active"
                >
                  {o.active ? t('officers.deactivate') : t('officers.activate')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {creating && (
        <CreateOfficer
          officeId={officeId}
          onClose={() => setCreating(false)}
          onCreated={(username, pw) => {
            setCreating(false);
            setPassword({ username, password: pw });
            reload();
          }}
        />
      )}
      {rolesOf && (
        <RolesModal
          officer={rolesOf}
          onClose={() => setRolesOf(null)}
          onSave={(roles) =>
            act(async () => {
              await api('PUT', `/officers/${encodeURIComponent(rolesOf.id)}/roles`, adminOfficerSchema, {
                roles,
              });
              setRolesOf(null);
            })
          }
        />
      )}
      {password && (
        <Modal open title={t('officers.password_title')} onCancel={() => setPassword(null)} footer={null}>
          <Typography.Paragraph>
            {t('officers.password_explain', { username: password.username })}
          </Typography.Paragraph>
          <Typography.Text
            code
            copyable
            style={{ fontSize: 20 }}
            data-testid="officer-password"
            data-password={password.password}
          >
            {password.password}
          </Typography.Text>
        </Modal>
      )}
    </Card>
  );
}

const roleOptions = (t: (k: string) => string) => ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));

function CreateOfficer({
  officeId,
  onClose,
  onCreated,
}: {
  officeId: string;
  onClose(): void;
  onCreated(u: string, pw: string): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ username: string; fullName: string; title: string; roles: Role[] }>();
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const fields = await form.validateFields();
    setError(null);
    try {
      const created = await api('POST', '/officers', createdSchema, {
        ...fields,
        title: fields.title ?? '',
        officeId,
      });
      onCreated(created.officer.username, created.password);
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const required = { required: true, message: t('form.required') };
  return (
    <Modal
      open
      title={t('officers.new')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('form.save')}
      cancelText={t('form.cancel')}
      okButtonProps={{ 'data-testid': 'officer-save' }}
    >
      <Form form={form} layout="vertical" initialValues={{ roles: ['receiver'], title: '' }}>
        <Form.Item
          name="username"
          label={t('officers.username')}
          rules={[required, { pattern: /^[a-z0-9._-]{2,50}$/, message: t('officers.username_format') }]}
        >
          <Input data-testid="officer-username" autoComplete="off" />
        </Form.Item>
        <Form.Item name="fullName" label={t('officers.full_name')} rules={[required]}>
          <Input data-testid="officer-fullname" />
        </Form.Item>
        <Form.Item name="title" label={t('officers.title')}>
          <Input data-testid="officer-title" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('officers.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('officers.roles_required') }]}
        >
          <Checkbox.Group options={roleOptions(t)} data-testid="officer-role-choice" />
        </Form.Item>
      </Form>
      <ErrorAlert message={error} testId="officer-error" />
    </Modal>
  );
}

function RolesModal({
  officer,
  onClose,
  onSave,
}: {
  officer: AdminOfficer;
  onClose(): void;
  onSave(roles: Role[]): void;
}) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[]>(officer.roles);
  return (
    <Modal
      open
      title={t('officers.edit_roles')}
      onCancel={onClose}
      onOk={() => onSave(roles)}
      okButtonProps={{ disabled: roles.length === 0, 'data-testid': 'roles-save' }}
      okText={t('form.save')}
      cancelText={t('form.cancel')}
    >
      <Checkbox.Group options={roleOptions(t)} value={roles} onChange={(v) => setRoles(v as Role[])} />
    </Modal>
  );
}
