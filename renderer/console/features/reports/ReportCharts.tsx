import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DailyChart } from '../../../features/reports/ReportSummary';
import type { ConsoleReport } from './contract';

const HEIGHT = 220;

/** Received and resolved per day; the on-time rate and the overdue dossiers by sector. */
export function ReportCharts({ report }: { report: ConsoleReport }) {
  const { t } = useTranslation();
  const sectors = report.sectors.map((s) => ({
    name: s.name,
    onTime: s.figures.onTimeRate === null ? 0 : Math.round(s.figures.onTimeRate * 1000) / 10,
    overdue: s.figures.inProgress.overdue,
  }));
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <DailyChart
          days={report.days}
          title={t('consoleReports.chart_days')}
          testId="report-chart-days"
          height={HEIGHT}
          labelOf={(date) => `${date.slice(8)}/${date.slice(5, 7)}`}
        />
      </Col>
      <Col span={12}>
        <Card size="small" title={t('consoleReports.chart_on_time')} data-testid="report-chart-on-time">
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <BarChart data={sectors} layout="vertical" margin={{ left: 24 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" domain={[0, 100]} unit="%" />
              <YAxis type="category" dataKey="name" width={140} />
              <Tooltip />
              <Bar
                dataKey="onTime"
                name={t('consoleReports.on_time_series')}
                fill="#52c41a"
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        </Card>
      </Col>
      <Col span={12}>
        <Card size="small" title={t('consoleReports.chart_overdue')} data-testid="report-chart-overdue">
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <BarChart data={sectors} layout="vertical" margin={{ left: 24 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={140} />
              <Tooltip />
              <Bar
                dataKey="overdue"
                name={t('consoleReports.overdue_series')}
                fill="#ff4d4f"
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        </Card>
      </Col>
    </Row>
  );
}
