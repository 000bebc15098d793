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
  // Each indicator: its share and the counts it is made of, three to a row.
  const indicator = (key: string, share: number | null, of: string) => ({
    testId: `index-${key}`,
    title: t(`reports.index_${key.replaceAll('-', '_')}`),
    share,
    of,
  });
  const indicatorRows = [
    [
      indicator('on-time', index.onTimeShare, of(index.resolvedOnTime, index.resolved)),
      indicator('overdue', index.overdueShare, of(index.overdue, index.inProgress)),
      indicator(
        'satisfied',
        index.satisfactionShare,
        of(index.satisfied, index.ratings, 'reports.index_of_ratings'),
      ),
    ],
    [
      indicator(
        'components-digitised',
        index.componentsDigitisedShare,
        of(index.componentsDigitised, index.received),
      ),
      indicator(
        'results-digitised',
        index.resultsDigitisedShare,
        of(index.resultsDigitised, index.resultsIssued, 'reports.index_of_results'),
      ),
    ],
  ];
  return (
    <Card size="small" title={t('reports.index_title')} data-testid="report-index766">
      {indicatorRows.map((row, i) => (
        <Row gutter={16} key={i}>
          {row.map((indicator) => (
            <Col span={8} key={indicator.testId}>
              <Statistic
                title={indicator.title}
                value={percent(indicator.share)}
                suffix={<small>{indicator.of}</small>}
                data-testid={indicator.testId}
              />
            </Col>
          ))}
        </Row>
      ))}
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
