import { ErrorAlert } from '../../app/ErrorAlert';
import { Button, Card, Form, Input, Table, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditEntrySchema, listOf, type AuditEntry } from '../../../../shared/admin/contract';
import { api, download } from '../../app/api';
import { errorText } from '../../app/errors';
import type { ConsolePageProps } from '../../app/page';
import { useApiData } from '../../app/useApiData';

interface Filters {
  actor?: string;
  action?: string;
  target?: string;
}

const queryOf = (f: Filters, officeId?: string) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, officeId })) if (v) params.set(k, v.trim());
  const text = params.toString();
  return text ? `?${text}` : '';
};

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

/** Every admin change (who, when, what, on what, before and after), filtered and exported as CSV. */
export function AuditPage({ office }: ConsolePageProps) {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const [onlyOffice, setOnlyOffice] = useState(false);
  const [failed, setError] = useState<string | null>(null);
  const query = queryOf(filters, onlyOffice ? office?.id : undefined);
  const load = useCallback(
    async () => (await api('GET', `/audit${query}`, listOf(auditEntrySchema))).items,
    [query],
  );
  const { data: entries, error: loadError, reload } = useApiData(load, [] as AuditEntry[]);
  const error = failed ?? loadError;

  return (
    <Card>
      <Form<Filters> layout="inline" onFinish={setFilters} style={{ marginBottom: 16 }}>
        <Form.Item name="actor">
          <Input placeholder={t('audit.actor')} allowClear />
        </Form.Item>
        <Form.Item name="action">
          <Input placeholder={t('audit.action')} allowClear data-testid="audit-filter-action" />
        </Form.Item>
        <Form.Item name="target">
          <Input placeholder={t('audit.target')} allowClear />
        </Form.Item>
        <Button htmlType="submit" data-testid="audit-filter">
          {t('audit.filter')}
        </Button>
        {office && (
          <Button
            style={{ marginLeft: 8 }}
            type={onlyOffice ? 'primary' : 'default'}
            onClick={() => setOnlyOffice(!onlyOffice)}
          >
            {t('audit.only_office', { office: office.name })}
          </Button>
        )}
        <Button style={{ marginLeft: 8 }} onClick={reload} data-testid="audit-refresh">
          {t('audit.refresh')}
        </Button>
        <Button
          style={{ marginLeft: 8 }}
          type="primary"
          onClick={() =>
            void download(`/audit.csv${query}`, 'nhat-ky-quan-tri.csv').catch((err: unknown) =>
              setError(errorText(t, err)),
            )
          }
          data-testid="audit-export"
        >
          {t('audit.export')}
        </Button>
      </Form>
      <ErrorAlert message={error} />
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        dataSource={entries}
        pagination={{ pageSize: 50 }}
        onRow={(e) =>
          ({ 'data-testid': 'audit-row', 'data-action': e.action, 'data-target': e.targetId }) as object
        }
        columns={[
          {
            title: t('audit.at'),
            render: (_, e) => new Date(e.at).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN'),
            width: 170,
          },
          { title: t('audit.actor'), dataIndex: 'actor' },
          {
            title: t('audit.action'),
            render: (_, e) => t(`audit.actions.${e.action}`, { defaultValue: e.action }),
          },
          { title: t('audit.target'), render: (_, e) => `${e.targetType} ${e.targetId}` },
          {
            title: t('audit.change'),
            render: (_, e) => (
              <Typography.Text
                style={{ fontSize: 12 }}
                ellipsis={{ tooltip: `${json(e.before)} → ${json(e.after)}` }}
              >
                {e.before ? `${json(e.before)} → ` : ''}
                {json(e.after)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
