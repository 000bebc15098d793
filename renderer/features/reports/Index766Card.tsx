import { Card, Col, Row, Statistic, Table } from 'antd';
import type { LosingDossier } from '../../../shared/reports';
import { formatDateTime, formatNumber } from '../../app/format';
import { useReportsTranslation } from './i18n';
import type { ReportView } from './service';

export const percent = (share: number | null) =>
  share === null
    ? '—'
    : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(share * 100)}%`;

/** The Index 766 indicators of the period and the dossiers that lose points, with why. */
export function Index766Card({ index }: { index: ReportView['index766'] }) {
  const { t } = useReportsTranslation();
  const of = (part: number, whole: number, key = 'reports.index_of') =>
    t(key, { part: formatNumber(part), whole: formatNumber(whole) });
  return (
    <Card size="small" title={t('reports.index_title')} data-testid="report-index766">
      <Row gutter={16}>
        <Col span={8}>
          <Statistic
            title={t('reports.index_on_time')}
            value={percent(index.onTimeShare)}
            suffix={<small>{of(index.resolvedOnTime, index.resolved)}</small>}
            data-testid="index-on-time"
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('reports.index_overdue')}
            value={percent(index.overdueShare)}
            suffix={<small>{of(index.overdue, index.inProgress)}</small>}
            data-testid="index-overdue"
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('reports.index_satisfied')}
            value={percent(index.satisfactionShare)}
            suffix={<small>{of(index.satisfied, index.ratings, 'reports.index_of_ratings')}</small>}
            data-testid="index-satisfied"
          />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Statistic
            title={t('reports.index_components_digitised')}
            value={percent(index.componentsDigitisedShare)}
            suffix={<small>{of(index.componentsDigitised, index.received)}</small>}
            data-testid="index-components-digitised"
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('reports.index_results_digitised')}
            value={percent(index.resultsDigitisedShare)}
            suffix={
              <small>{of(index.resultsDigitised, index.resultsIssued, 'reports.index_of_results')}</small>
            }
            data-testid="index-results-digitised"
          />
        </Col>
      </Row>
      <h4>{t('reports.losing_title', { count: formatNumber(index.losingTotal) })}</h4>
      <Table<LosingDossier>
        size="small"
        rowKey={(l) => `${l.reason}|${l.dossierId}`}
        dataSource={index.losing}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        data-testid="report-losing"
        locale={{ emptyText: t('reports.losing_none') }}
        footer={
          index.losing.length < index.losingTotal
            ? () =>
                t('reports.losing_shown', {
                  shown: formatNumber(index.losing.length),
                  total: formatNumber(index.losingTotal),
                })
            : undefined
        }
        columns={[
          { title: t('reports.losing_code'), dataIndex: 'code' },
          { title: t('reports.losing_procedure'), dataIndex: 'procedureName', ellipsis: true },
          {
            title: t('reports.losing_reason'),
            dataIndex: 'reason',
            render: (r: LosingDossier['reason']) => t(`reports.reasons.${r}`),
          },
          {
            title: t('reports.losing_deadline'),
            dataIndex: 'deadline',
            render: (d: string) => (d ? formatDateTime(d) : '—'),
          },
        ]}
      />
    </Card>
  );
}
