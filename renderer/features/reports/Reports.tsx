import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, Progress, Segmented } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReportDimension, ReportPeriod } from '../../../shared/reports';
import { formatDateTime } from '../../app/format';
import { Index766Card } from './Index766Card';
import { useReportsTranslation } from './i18n';
import { FiguresTable } from './FiguresTable';
import { DailyChart, ReportSummary } from './ReportSummary';
import { useReportService, type ReportView } from './service';
import type { SaveResult } from '../../platform';
import { LocalHistoryNote } from '../sync';

const DIMENSIONS: ReportDimension[] = ['sectorId', 'procedureId', 'receiverId'];

function monthPeriod(month: Dayjs): ReportPeriod {
  return { from: month.startOf('month').format('YYYY-MM-DD'), to: month.endOf('month').format('YYYY-MM-DD') };
}

/** The supervisor's period report, built from this counter's replica (works offline). */
export function ReportsScreen() {
  const { t } = useReportsTranslation();
  const services = useReportService();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const [dimension, setDimension] = useState<ReportDimension>('sectorId');
  const [progress, setProgress] = useState<{ key: string; done: number }>({ key: '', done: 0 });
  const [result, setResult] = useState<{ key: string; view: ReportView | null; error: string | null }>({
    key: '',
    view: null,
    error: null,
  });
  const period = useMemo(() => monthPeriod(month), [month]);
  const requestKey = `${period.from}|${dimension}`;

  useEffect(() => {
    let live = true;
    services
      .build(period, dimension, (done) => live && setProgress({ key: requestKey, done }))
      .then((view) => live && setResult({ key: requestKey, view, error: null }))
      .catch(
        (e: unknown) =>
          live &&
          setResult({ key: requestKey, view: null, error: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      live = false;
    };
  }, [services, period, dimension, requestKey]);

  const building = result.key !== requestKey;
  const view = building ? null : result.view;
  const error = building ? null : result.error;
  const done = progress.key === requestKey ? progress.done : 0;

  const [registerProgress, setRegisterProgress] = useState<number | null>(null);
  const year = month.year();

  const run = async (task: () => Promise<SaveResult>, savedKey: string) => {
    try {
      const saved = await task();
      if (saved.saved) void message.success(t(savedKey, { name: saved.fileName }));
      else if (saved.reason === 'browser_download') void message.info(t('reports.downloaded'));
    } catch (e) {
      void message.error(t('errors.generic', { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  const exportXlsx = () => view && run(() => services.exportWorkbook(view), 'reports.exported');
  const printReport = () => view && run(() => services.printReport(view), 'reports.printed_pdf');
  const exportRegister = async () => {
    setRegisterProgress(0);
    await run(() => services.exportRegister(year, setRegisterProgress), 'reports.exported_register');
    setRegisterProgress(null);
  };

  return (
    <Card
      title={t('reports.title')}
      data-testid="reports-screen"
      data-state={building ? 'building' : 'ready'}
      extra={
        <Flex gap={8} align="center" wrap>
          {t('reports.period')}
          <DatePicker
            picker="month"
            format="MM/YYYY"
            allowClear={false}
            value={month}
            onChange={(m) => m && setMonth(m.startOf('month'))}
            data-testid="report-month"
          />
          {t('reports.by')}
          <Segmented<ReportDimension>
            value={dimension}
            onChange={setDimension}
            options={DIMENSIONS.map((d) => ({ value: d, label: t(`reports.by_${d}`) }))}
            data-testid="report-dimension"
          />
          <Button
            onClick={() => void exportXlsx()}
            disabled={!view || building}
            data-testid="report-export-xlsx"
          >
            {t('reports.export_xlsx')}
          </Button>
          <Button onClick={() => void printReport()} disabled={!view || building} data-testid="report-print">
            {t('reports.print')}
          </Button>
          <Button
            onClick={() => void exportRegister()}
            loading={registerProgress !== null}
            data-testid="report-export-register"
          >
            {t('reports.export_register', { year })}
          </Button>
        </Flex>
      }
    >
      {building && (
        <Progress percent={Math.round(done * 100)} status="active" data-testid="report-progress" />
      )}
      {registerProgress !== null && (
        <Flex vertical data-testid="register-progress">
          {t('reports.exporting_register', { year })}
          <Progress percent={Math.round(registerProgress * 100)} status="active" />
        </Flex>
      )}
      {error && <Alert type="error" title={error} />}
      <LocalHistoryNote />
      {view && <ReportBody view={view} />}
    </Card>
  );
}

function ReportBody({ view }: { view: ReportView }) {
  const { t } = useReportsTranslation();
  const total = view.total;
  return (
    <Flex vertical gap={16}>
      <ReportSummary total={total} />
      <DailyChart
        days={view.days}
        title={t('reports.chart_title')}
        testId="report-chart"
        height={200}
        labelOf={(date) => date.slice(8)}
      />
      <FiguresTable rows={view.rows} total={total} heading={t(`reports.by_${view.dimension}`)} />
      <Index766Card index={view.index766} />
      <small>{t('reports.built_at', { time: formatDateTime(view.builtAt) })}</small>
    </Flex>
  );
}
