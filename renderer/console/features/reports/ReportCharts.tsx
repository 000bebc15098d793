import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { BarCard, DailyChart } from '../../../features/reports/ReportSummary';
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
  // One bar per sector: the on-time rate (%) and the overdue dossiers.
  const sectorCharts = [
    {
      title: t('consoleReports.chart_on_time'),
      testId: 'report-chart-on-time',
      series: [{ key: 'onTime', name: t('consoleReports.on_time_series'), fill: '#52c41a' }],
      percent: true,
    },
    {
      title: t('consoleReports.chart_overdue'),
      testId: 'report-chart-overdue',
      series: [{ key: 'overdue', name: t('consoleReports.overdue_series'), fill: '#ff4d4f' }],
      percent: false,
    },
  ];
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
      {sectorCharts.map((chart) => (
        <Col span={12} key={chart.testId}>
          <BarCard {...chart} height={HEIGHT} data={sectors} category="name" vertical />
        </Col>
      ))}
    </Row>
  );
}
