import { Card, Col, Row, Statistic } from 'antd';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DayCount, PeriodFigures } from '../../../shared/reports';
import { formatNumber } from '../../app/format';
import { percent } from './Index766Card';
import { useReportsTranslation } from './i18n';

/** The period's headline figures: to process, resolved, on-time rate, overdue (counter and console). */
export function ReportSummary({ total }: { total: PeriodFigures }) {
  const { t } = useReportsTranslation();
  const figures = [
    [t('reports.to_process'), formatNumber(total.toProcess)],
    [t('reports.resolved'), formatNumber(total.resolved.total)],
    [t('reports.on_time_rate'), percent(total.onTimeRate)],
    [t('reports.overdue'), formatNumber(total.inProgress.overdue)],
  ] as const;
  return (
    <Row gutter={16} data-testid="report-summary">
      {figures.map(([title, value]) => (
        <Col span={6} key={title}>
          <Statistic title={title} value={value} />
        </Col>
      ))}
    </Row>
  );
}

/** One bar series of a chart: the data's field, its name in the legend and tooltip, its colour. */
export type BarSeries = { key: string; name: string; fill: string };

/**
 * A bar chart in a card: the daily chart and the by-sector charts (counter and console). `vertical`
 * lays the categories down the side (long sector names); `percent` scales the values 0–100 %, else
 * they are whole counts. A legend shows when there is more than one series.
 */
export function BarCard(props: {
  title: string;
  testId: string;
  height: number;
  data: readonly object[];
  /** The field naming each bar's category (a day, a sector). */
  category: string;
  series: readonly BarSeries[];
  vertical?: boolean;
  percent?: boolean;
}) {
  const values = props.percent
    ? { type: 'number' as const, domain: [0, 100], unit: '%' }
    : { type: 'number' as const, allowDecimals: false };
  return (
    <Card size="small" title={props.title} data-testid={props.testId}>
      <ResponsiveContainer width="100%" height={props.height}>
        <BarChart
          data={[...props.data]}
          layout={props.vertical ? 'vertical' : 'horizontal'}
          margin={props.vertical ? { left: 24 } : undefined}
        >
          <CartesianGrid strokeDasharray="3 3" />
          {props.vertical ? (
            <>
              <XAxis {...values} />
              <YAxis type="category" dataKey={props.category} width={140} />
            </>
          ) : (
            <>
              <XAxis dataKey={props.category} />
              <YAxis {...values} />
            </>
          )}
          <Tooltip />
          {props.series.length > 1 && <Legend />}
          {props.series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.fill} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </Card>
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
    <BarCard
      title={props.title}
      testId={props.testId}
      height={props.height}
      data={props.days.map((d) => ({ ...d, label: props.labelOf(d.date) }))}
      category="label"
      series={[
        { key: 'received', name: t('reports.received_series'), fill: '#1677ff' },
        { key: 'resolved', name: t('reports.resolved_series'), fill: '#52c41a' },
      ]}
    />
  );
}
