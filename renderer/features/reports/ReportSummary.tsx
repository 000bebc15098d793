import { Card, Col, Row, Statistic } from 'antd';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DayCount, PeriodFigures } from '../../../shared/reports';
import { formatNumber } from '../../app/format';
import { percent } from './Index766Card';
import { useReportsTranslation } from './i18n';

/** The period's headline figures: to process, resolved, on-time rate, overdue (counter and console). */
export function ReportSummary({ total }: { total: PeriodFigures }) {
  const { t } = useReportsTranslation();
  return (
    <Row gutter={16} data-testid="report-summary">
      <Col span={6}>
        <Statistic title={t('reports.to_process')} value={formatNumber(total.toProcess)} />
      </Col>
      <Col span={6}>
        <Statistic title={t('reports.resolved')} value={formatNumber(total.resolved.total)} />
      </Col>
      <Col span={6}>
        <Statistic title={t('reports.on_time_rate')} value={percent(total.onTimeRate)} />
      </Col>
      <Col span={6}>
        <Statistic title={t('reports.overdue')} value={formatNumber(total.inProgress.overdue)} />
      </Col>
    </Row>
  );
}

/** Received and resolved per day, in a card titled `title`; `labelOf` names a day on the axis. */
export function DailyChart(props: {
  days: readonly DayCount[];
  title: string;
  testId: string;
  height: number;
  labelOf: (date: string) => string;
}) {
  const { t } = useReportsTranslation();
  return (
    <Card size="small" title={props.title} data-testid={props.testId}>
      <ResponsiveContainer width="100%" height={props.height}>
        <BarChart data={props.days.map((d) => ({ ...d, label: props.labelOf(d.date) }))}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar
            dataKey="received"
            name={t('reports.received_series')}
            fill="#1677ff"
            isAnimationActive={false}
          />
          <Bar
            dataKey="resolved"
            name={t('reports.resolved_series')}
            fill="#52c41a"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </Card>
  );
}
