import { Alert, Button, Card, DatePicker, Flex, Segmented, Select, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { ReportDimension, ReportPeriod } from '../../../../shared/reports';
import { formatDateTime } from '../../../app/format';
import { Index766Card } from '../../../features/reports/Index766Card';
import { useReportsTranslation } from '../../../features/reports/i18n';
import { FiguresTable } from '../../../features/reports/FiguresTable';
import { ReportSummary } from '../../../features/reports/ReportSummary';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import type { ConsolePageProps } from '../../app/page';
import {
  consoleReportSchema,
  PERIOD_KINDS,
  periodOf,
  reportPath,
  type ConsoleReport,
  type PeriodKind,
  type ReportQuery,
} from './contract';
import { exportReportWorkbook, printReport } from './output';
import { ReportCharts } from './ReportCharts';
import './i18n';

const DIMENSIONS: ReportDimension[] = ['officeId', 'sectorId', 'procedureId', 'receiverId'];
const PROVINCE = '__province';
const ISO = 'YYYY-MM-DD';

/** The period chosen with the controls: the month, quarter or year holding `at`, or `range`. */
function periodFrom(kind: PeriodKind, at: Dayjs, range: [Dayjs, Dayjs]): ReportPeriod {
  if (kind === 'custom') return { from: range[0].format(ISO), to: range[1].format(ISO) };
  return periodOf(kind, at.format(ISO));
}

/**
 * The period report of one office or the whole province (form 06a figures, charts, Index 766 with
 * the dossiers that lose points), built on the server from the province's copy; exported to Excel
 * and printed as on a counter. An office admin sees only their own office.
 */
export function ReportsPage({ me, offices }: ConsolePageProps) {
  const { t } = useReportsTranslation();
  const [kind, setKind] = useState<PeriodKind>('month');
  const [at, setAt] = useState<Dayjs>(() => dayjs());
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('month'), dayjs()]);
  const [scope, setScope] = useState<string>(me.officeId ?? PROVINCE);
  const [dimension, setDimension] = useState<ReportDimension>(me.officeId ? 'sectorId' : 'officeId');
  const [result, setResult] = useState<{ key: string; report: ConsoleReport | null; error: string | null }>({
    key: '',
    report: null,
    error: null,
  });
  const [busy, setBusy] = useState<'xlsx' | 'print' | null>(null);
  const [outputError, setOutputError] = useState<string | null>(null);

  const query: ReportQuery = useMemo(
    () => ({
      period: periodFrom(kind, at, range),
      dimension,
      officeId: me.officeId ?? (scope === PROVINCE ? null : scope),
    }),
    [kind, at, range, dimension, scope, me.officeId],
  );
  const key = reportPath(query);
  const tooLong = dayjs(query.period.to).diff(dayjs(query.period.from), 'day') >= 366;

  useEffect(() => {
    if (tooLong) return;
    let live = true;
    api('GET', key, consoleReportSchema).then(
      (report) => live && setResult({ key, report, error: null }),
      (err: unknown) => live && setResult({ key, report: null, error: errorText(t, err) }),
    );
    return () => {
      live = false;
    };
  }, [key, tooLong, t]);

  const building = !tooLong && result.key !== key;
  const report = building ? null : result.report;
  const output = async (what: 'xlsx' | 'print', task: (r: ConsoleReport) => Promise<unknown>) => {
    if (!report) return;
    setBusy(what);
    setOutputError(null);
    try {
      await task(report);
    } catch (err) {
      setOutputError(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };
  // The report's two outputs: the Excel workbook and the printed report.
  const outputs = [
    ['xlsx', exportReportWorkbook, 'report-export-xlsx', t('consoleReports.export_xlsx')],
    ['print', printReport, 'report-print', t('consoleReports.print')],
  ] as const;
  const picker =
    kind === 'custom' ? null : kind === 'month' ? 'month' : kind === 'quarter' ? 'quarter' : 'year';

  return (
    <Card
      data-testid="console-reports"
      data-state={building ? 'building' : 'ready'}
      title={
        <Flex gap={8} align="center" wrap>
          {t('consoleReports.period')}
          <Segmented<PeriodKind>
            value={kind}
            onChange={setKind}
            options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`consoleReports.kind.${k}`) }))}
            data-testid="report-period-kind"
          />
          {picker ? (
            <DatePicker
              picker={picker}
              allowClear={false}
              value={at}
              onChange={(d) => d && setAt(d)}
              data-testid="report-period"
            />
          ) : (
            <DatePicker.RangePicker
              allowClear={false}
              format="DD/MM/YYYY"
              value={range}
              onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])}
              data-testid="report-range"
            />
          )}
        </Flex>
      }
    >
      <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
        {t('consoleReports.office')}
        <Select
          style={{ minWidth: 240 }}
          value={scope}
          disabled={me.officeId !== null}
          onChange={setScope}
          data-testid="report-office"
          options={[
            ...(me.officeId === null ? [{ value: PROVINCE, label: t('consoleReports.province') }] : []),
            ...offices.map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        {t('consoleReports.by')}
        <Segmented<ReportDimension>
          value={dimension}
          onChange={setDimension}
          options={DIMENSIONS.map((d) => ({
            value: d,
            label: d === 'officeId' ? t('consoleReports.by_officeId') : t(`reports.by_${d}`),
          }))}
          data-testid="report-dimension"
        />
        {outputs.map(([what, task, testId, label]) => (
          <Button
            key={what}
            onClick={() => void output(what, task)}
            disabled={!report}
            loading={busy === what}
            data-testid={testId}
          >
            {label}
          </Button>
        ))}
      </Flex>
      {tooLong && <Alert type="warning" showIcon title={t('consoleReports.period_too_long')} />}
      {!building && result.error && (
        <Alert type="error" showIcon title={result.error} data-testid="report-error" />
      )}
      {outputError && <Alert type="error" showIcon title={outputError} />}
      {building && (
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin description={t('consoleReports.building')} data-testid="report-building">
            <div style={{ width: 200, height: 40 }} />
          </Spin>
        </Flex>
      )}
      {report && <ReportBody report={report} />}
    </Card>
  );
}

function ReportBody({ report }: { report: ConsoleReport }) {
  const { t } = useReportsTranslation();
  const { total } = report;
  const heading =
    report.dimension === 'officeId' ? t('consoleReports.by_officeId') : t(`reports.by_${report.dimension}`);
  return (
    <Flex vertical gap={16}>
      <ReportSummary total={total} />
      <ReportCharts report={report} />
      <FiguresTable rows={report.rows} total={total} heading={heading} />
      <Index766Card index={report.index766} />
      <small>{t('consoleReports.built_at', { time: formatDateTime(report.builtAt) })}</small>
    </Flex>
  );
}
