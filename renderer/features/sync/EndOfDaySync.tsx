import { useContext, useState } from 'react';
import { Alert, Button, Descriptions, Flex, List, Modal, Progress, Result, Table, Typography } from 'antd';
import { useSyncTranslation as useTranslation } from './i18n';
import { SessionContext } from '../../app/services';
import { formatDateTime, formatNumber } from '../../app/format';
import { ScanQueueStatus } from '../scans/ScanQueueStatus';
import { scanHost, type ScanHost } from '../scans/host';
import { formatBytes } from '../scans/i18n';
import { runEndOfDayWithScans, type EndOfDayProgress, type EndOfDayReport, type SummaryGroup } from './eod';
import { renderSummaryHtml, summaryFileName } from './summary';
import { platformSummaryOutput, type SummaryOutput } from './output';
import type { SyncHandle } from './host';

type Phase =
  | { name: 'idle' }
  | { name: 'running'; progress: EndOfDayProgress }
  | { name: 'done'; report: EndOfDayReport };

export interface EndOfDaySyncProps {
  client: SyncHandle | null;
  open: boolean;
  onClose: () => void;
  output?: SummaryOutput;
  /** The scans' queue, shown while the run goes and counted in the summary. */
  scans?: ScanHost;
}

/**
 * The supervisor's end-of-day sync: one action that pushes and pulls everything, a progress bar,
 * then the summary (sent, received, conflicts, refused with reasons, still pending) to print or
 * save. Outside a supervisor's session it only says who may run it.
 */
export function EndOfDaySync({
  client,
  open,
  onClose,
  output = platformSummaryOutput,
  scans = scanHost,
}: EndOfDaySyncProps) {
  const { t, i18n } = useTranslation();
  const session = useContext(SessionContext);
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const supervisor = session?.role === 'supervisor';

  const run = async () => {
    if (!client) return;
    setPhase({ name: 'running', progress: { toSend: client.snapshot.pending, sent: 0, received: 0 } });
    const report = await runEndOfDayWithScans(client, scans, (progress) =>
      setPhase({ name: 'running', progress }),
    );
    setPhase({ name: 'done', report });
  };

  const summaryHtml = (report: EndOfDayReport) =>
    renderSummaryHtml(
      report,
      {
        officeName: session?.office.name ?? '',
        counterName: session?.counterId ?? '',
        officerName: session?.officer.fullName ?? '',
        lang: i18n.language === 'en' ? 'en' : 'vi',
      },
      (key, options) => t(key, options ?? {}),
    );

  let body;
  if (!supervisor) body = <Alert type="warning" title={t('syncui.eod.supervisor_only')} />;
  else if (!client) body = <Alert type="warning" title={t('syncui.eod.not_connected')} />;
  else if (phase.name === 'idle')
    body = (
      <Flex vertical gap={16}>
        <Typography.Paragraph>{t('syncui.eod.intro')}</Typography.Paragraph>
        <Button type="primary" size="large" onClick={() => void run()} data-testid="eod-start">
          {t('syncui.eod.start')}
        </Button>
      </Flex>
    );
  else if (phase.name === 'running') {
    const { toSend, sent, received } = phase.progress;
    body = (
      <Flex vertical gap={8} data-testid="eod-running">
        <Typography.Text>{t('syncui.eod.running')}</Typography.Text>
        <Progress
          status="active"
          percent={toSend > 0 ? Math.min(99, Math.round((sent / toSend) * 100)) : 99}
          showInfo={false}
        />
        <Typography.Text type="secondary">
          {t('syncui.progress', { sent: formatNumber(sent), received: formatNumber(received) })}
        </Typography.Text>
        <ScanQueueStatus host={scans} />
      </Flex>
    );
  } else body = <EndOfDayReportView report={phase.report} />;

  const footer =
    phase.name === 'done'
      ? [
          <Button
            key="print"
            type="primary"
            onClick={() => void output.print(summaryHtml(phase.report))}
            data-testid="eod-print"
          >
            {t('syncui.eod.print')}
          </Button>,
          <Button
            key="save"
            onClick={() => void output.save(summaryFileName(phase.report), summaryHtml(phase.report))}
            data-testid="eod-save"
          >
            {t('syncui.eod.save')}
          </Button>,
          <Button key="again" onClick={() => void run()} data-testid="eod-again">
            {t('syncui.eod.again')}
          </Button>,
          <Button key="close" onClick={onClose} data-testid="eod-close">
            {t('syncui.close')}
          </Button>,
        ]
      : [
          <Button key="close" onClick={onClose} disabled={phase.name === 'running'} data-testid="eod-close">
            {t('syncui.close')}
          </Button>,
        ];

  return (
    <Modal
      open={open}
      title={t('syncui.eod.title')}
      onCancel={phase.name === 'running' ? undefined : onClose}
      closable={phase.name !== 'running'}
      mask={{ closable: false }}
      footer={footer}
      width={640}
      destroyOnHidden
      afterClose={() => setPhase({ name: 'idle' })}
    >
      <div data-testid="eod-dialog">{body}</div>
    </Modal>
  );
}

/** The run's summary on screen: what the printout says, scans included. */
export function EndOfDayReportView({ report }: { report: EndOfDayReport }) {
  const { t } = useTranslation();
  const n = formatNumber;
  const g = report.byGroup;
  return (
    <Flex
      vertical
      gap={12}
      data-testid="eod-summary"
      data-complete={String(report.complete)}
      data-sent={report.sent}
      data-received={report.received}
      data-conflicts={report.conflicts}
      data-rejected={report.rejected.length}
      data-pending={report.pending}
      data-dossiers-sent={g.dossiers.sent}
      data-dossiers-received={g.dossiers.received}
      data-events-sent={g.dossier_events.sent}
      data-events-received={g.dossier_events.received}
    >
      <Result
        status={report.complete && report.rejected.length === 0 ? 'success' : 'warning'}
        title={report.complete ? t('syncui.eod.done') : t('syncui.eod.incomplete')}
        subTitle={`${formatDateTime(report.startedAt)} → ${formatDateTime(report.finishedAt)}`}
        style={{ padding: 8 }}
      />
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label={t('syncui.eod.sent')}>{n(report.sent)}</Descriptions.Item>
        <Descriptions.Item label={t('syncui.eod.received')}>{n(report.received)}</Descriptions.Item>
        <Descriptions.Item label={t('syncui.eod.conflicts')}>{n(report.conflicts)}</Descriptions.Item>
        <Descriptions.Item label={t('syncui.eod.rejected')}>{n(report.rejected.length)}</Descriptions.Item>
        <Descriptions.Item label={t('syncui.eod.pending')}>{n(report.pending)}</Descriptions.Item>
      </Descriptions>
      <Table<{ group: SummaryGroup; sent: number; received: number }>
        size="small"
        pagination={false}
        rowKey="group"
        dataSource={(['dossiers', 'dossier_events'] as const).map((group) => ({ group, ...g[group] }))}
        columns={[
          { title: '', dataIndex: 'group', render: (v: string) => t(`syncui.collection.${v}`) },
          { title: t('syncui.eod.sent'), dataIndex: 'sent', render: (v: number) => n(v) },
          { title: t('syncui.eod.received'), dataIndex: 'received', render: (v: number) => n(v) },
        ]}
      />
      {report.scans && <ScanSummary report={report} scans={report.scans} />}
      {report.rejected.length > 0 && (
        <List
          size="small"
          header={t('syncui.eod.rejected_list')}
          bordered
          dataSource={report.rejected}
          renderItem={(r) => (
            <List.Item data-testid="eod-rejected-item" data-id={r.id} data-reason={r.reason}>
              <List.Item.Meta
                title={`${t(`syncui.collection.${r.collection}`)} ${r.id}`}
                description={`${t(`sync.reject.${r.reason}`)}${r.detail ? ` — ${r.detail}` : ''}`}
              />
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}

function ScanSummary({
  report,
  scans,
}: {
  report: EndOfDayReport;
  scans: NonNullable<EndOfDayReport['scans']>;
}) {
  const { t } = useTranslation();
  return (
    <Flex
      vertical
      gap={8}
      data-testid="eod-scans"
      data-sent-today={scans.sentToday}
      data-pending={scans.pending}
      data-bytes-left={scans.bytesLeft}
    >
      <Descriptions size="small" bordered column={1} title={t('syncui.eod.scans')}>
        <Descriptions.Item label={t('syncui.eod.scans_sent_today')}>
          {formatNumber(scans.sentToday)}
        </Descriptions.Item>
        <Descriptions.Item label={t('syncui.eod.scans_pending')}>
          {formatNumber(scans.pending)}
        </Descriptions.Item>
        {scans.pending > 0 && (
          <Descriptions.Item label={t('syncui.eod.scans_left')}>
            {formatBytes(scans.bytesLeft)}
          </Descriptions.Item>
        )}
      </Descriptions>
      {report.complete && scans.pending > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('syncui.eod.scans_data_complete')}
          data-testid="eod-scans-note"
        />
      )}
    </Flex>
  );
}
