import type { ReactNode } from 'react';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dossier, DossierStatus } from '../../../shared/domain';
import { formatDateTime } from '../../app/format';
import { navigate } from '../../app/router';

export const STATUS_COLORS: Partial<Record<DossierStatus, string>> = {
  received: 'blue',
  appraised: 'cyan',
  approved: 'geekblue',
  sealed: 'purple',
  returned: 'green',
  incomplete: 'orange',
  supplement_requested: 'orange',
  refused: 'red',
  refused_intake: 'red',
  withdrawn: 'default',
  stopped: 'default',
};

export function StatusTag({ status }: { status: DossierStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="status-tag" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

/**
 * A list of dossiers; a row opens with a click or Enter (rows are focusable). `tagOf` adds a tag
 * beside the code (the queue's overdue watch).
 */
export function DossierTable({
  dossiers,
  loading,
  testId,
  tagOf,
}: {
  dossiers: Dossier[];
  loading?: boolean;
  testId: string;
  tagOf?: (dossier: Dossier) => ReactNode;
}) {
  const { t } = useTranslation();
  const open = (d: Dossier) => navigate({ name: 'dossier', id: d.id });
  return (
    <Table<Dossier>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={dossiers}
      pagination={dossiers.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: t('queue.empty') }}
      data-testid={testId}
      onRow={(d) => ({
        onClick: () => open(d),
        onKeyDown: (e) => {
          if (e.key === 'Enter') open(d);
        },
        tabIndex: 0,
        style: { cursor: 'pointer' },
        'data-testid': 'dossier-row',
        'data-code': d.code,
        'data-id': d.id,
      })}
      columns={[
        {
          title: t('queue.col_code'),
          dataIndex: 'code',
          render: (code: string, d) => (
            <>
              {code || t('dossier.no_code')} {tagOf?.(d)}
            </>
          ),
        },
        { title: t('queue.col_applicant'), render: (_, d) => d.applicant.fullName },
        { title: t('queue.col_procedure'), dataIndex: 'procedureName', ellipsis: true },
        {
          title: t('queue.col_status'),
          dataIndex: 'status',
          render: (s: DossierStatus) => <StatusTag status={s} />,
        },
        { title: t('queue.col_received'), dataIndex: 'receivedAt', render: (v: string) => formatDateTime(v) },
        { title: t('queue.col_due'), dataIndex: 'dueAt', render: (v: string) => formatDateTime(v) },
      ]}
    />
  );
}
