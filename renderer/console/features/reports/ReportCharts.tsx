import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ConsoleReport } from './contract';

const HEIGHT = 220;

/** Received and resolved per day; the on-time rate and the overdue dossiers by sector. */
export function ReportCharts({ report }: { report: ConsoleReport }) {
  const { t } = useTranslation();
  const days = report.days.map((d) => ({ ...d, label: `${d.date.slice(8)}/${d.date.slice(5, 7)}` }));
  const sectors = report.sectors.map((s) => ({
    name: s.name,
    onTime: s.figures.onTimeRate === null ? 0 : Math.round(s.figures.onTimeRate * 1000) / 10,
    overdue: s.figures.inProgress.overdue,
  }));
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card size="small" title={t('consoleReports.chart_days')} data-testid="report-chart-days">
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <BarChart data={days}>
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
