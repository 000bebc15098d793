import { Alert, Button, Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import { formatDateTime, formatNumber } from '../../app/format';
import { navigate } from '../../app/router';
import { useLive } from '../../app/useAsync';
import { useNow } from '../../app/useNow';
import { StatusTag } from '../dossier/DossierTable';
import { useSession } from '../session/service';
import { useOverdueTranslation } from './i18n';
import { OVERDUE_ROLES, useOverdueService, type WatchedDossier } from './service';
import { WatchTag } from './WatchTag';

/**
 * The supervisor's overdue watch: open dossiers past their appointment or due within one working
 * day, most urgent first; from a late one, one click opens its apology letter (form 04).
 */
export function OverdueScreen() {
  const { t } = useOverdueTranslation();
  const services = useOverdueService();
  const session = useSession();
  const now = useNow(60_000);
  const allowed = OVERDUE_ROLES.includes(session.role);
  const list = useLive(async () => (allowed ? services.listWatched(now) : []), [now, allowed]);
  if (!allowed)
    return <Alert type="warning" title={t('overdue.forbidden')} data-testid="overdue-forbidden" />;

  const rows = list.data ?? [];
  const overdue = rows.filter((r) => r.watch === 'overdue').length;
  const openApology = (row: WatchedDossier) =>
    navigate({ name: 'dossier', id: row.dossier.id, step: row.apologyUsed ? undefined : 'apologize_extend' });

  return (
    <Flex vertical gap={16} data-testid="overdue-screen" data-state={list.loading ? 'loading' : 'ready'}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('overdue.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('overdue.intro')}</Typography.Text>
      <Row gutter={16}>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title={t('overdue.count_overdue')}
              value={overdue}
              formatter={(v) => <span data-testid="overdue-count">{formatNumber(Number(v))}</span>}
              styles={{ content: overdue > 0 ? { color: '#cf1322' } : {} }}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title={t('overdue.count_due_soon')}
              value={rows.length - overdue}
              formatter={(v) => <span data-testid="due-soon-count">{formatNumber(Number(v))}</span>}
            />
          </Card>
        </Col>
        <Col span={12} style={{ alignSelf: 'end', textAlign: 'right' }}>
          <Typography.Text type="secondary">
            {t('overdue.as_of', { time: formatDateTime(now) })}
          </Typography.Text>
        </Col>
      </Row>
      {list.error && <Alert type="error" title={t('errors.generic', { message: list.error.message })} />}
      <Table<WatchedDossier>
        size="small"
        rowKey={(r) => r.dossier.id}
        loading={list.loading}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: t('overdue.empty') }}
        data-testid="overdue-list"
        onRow={(r) =>
          ({
            'data-testid': 'overdue-row',
            'data-code': r.dossier.code,
            'data-id': r.dossier.id,
            'data-watch': r.watch,
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('overdue.col_watch'),
            render: (_, r) => <WatchTag watch={r.watch} daysLate={r.workingDaysLate} />,
          },
          {
            title: t('queue.col_code'),
            render: (_, r) => (
              <a href={`#/dossier/${encodeURIComponent(r.dossier.id)}`} data-testid="overdue-open">
                {r.dossier.code}
              </a>
            ),
          },
          { title: t('queue.col_applicant'), render: (_, r) => r.dossier.applicant.fullName },
          { title: t('queue.col_procedure'), render: (_, r) => r.dossier.procedureName, ellipsis: true },
          { title: t('queue.col_status'), render: (_, r) => <StatusTag status={r.dossier.status} /> },
          { title: t('queue.col_due'), render: (_, r) => formatDateTime(r.dossier.dueAt) },
          {
            title: t('overdue.col_apology'),
            render: (_, r) => (
              <Button
                size="small"
                type={r.watch === 'overdue' && !r.apologyUsed ? 'primary' : 'default'}
                danger={r.watch === 'overdue' && !r.apologyUsed}
                onClick={() => openApology(r)}
                data-testid="overdue-apology"
              >
                {r.apologyUsed ? t('overdue.apology_view') : t('overdue.apology_open')}
              </Button>
            ),
          },
        ]}
      />
    </Flex>
  );
}
