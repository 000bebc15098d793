import { Alert, Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { ImportResult, ImportSummary } from '../../../../shared/catalogue';
import { importErrorText, workbookSizeProblem } from './import-error';
import { useCatalogueTranslation } from './i18n';
import { TransferProgressLine } from './progress';
import type { CatalogueService, TransferProgress } from './service';

const STATUS_COLOR = { added: 'green', changed: 'blue', unchanged: 'default' } as const;

function SummaryView({ summary }: { summary: ImportSummary }) {
  const { t } = useCatalogueTranslation();
  const { counts } = summary;
  const touched = summary.procedures.filter((p) => p.status !== 'unchanged');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-summary">
      <Space wrap>
        <Tag color="green" data-testid="count-added">{`${t('catalogue.added')}: ${counts.added}`}</Tag>
        <Tag color="blue" data-testid="count-changed">{`${t('catalogue.changed')}: ${counts.changed}`}</Tag>
        <Tag data-testid="count-unchanged">{`${t('catalogue.unchanged')}: ${counts.unchanged}`}</Tag>
        <Tag color="red" data-testid="count-errors">{`${t('catalogue.errorRows')}: ${counts.errorRows}`}</Tag>
      </Space>
      {summary.sectorsAdded.length > 0 && (
        <Typography.Text>
          {t('catalogue.sectorsAdded', {
            names: summary.sectorsAdded.map((s) => `${s.code} — ${s.name}`).join(', '),
          })}
        </Typography.Text>
      )}
      {summary.errors.length > 0 && (
        <Table
          size="small"
          data-testid="import-errors"
          rowKey={(e) => `${e.row}-${e.messages.join()}`}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={summary.errors}
          columns={[
            { title: t('catalogue.row'), dataIndex: 'row', width: 70 },
            { title: t('catalogue.columns.code'), dataIndex: 'code', width: 110 },
            {
              title: t('catalogue.reasons'),
              render: (_, e) => e.messages.map((m) => <div key={m}>{m}</div>),
            },
          ]}
        />
      )}
      {touched.length > 0 && (
        <Table
          size="small"
          data-testid="import-changes"
          rowKey="code"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={touched}
          columns={[
            { title: t('catalogue.columns.code'), dataIndex: 'code', width: 110 },
            { title: t('catalogue.columns.name'), dataIndex: 'name' },
            {
              title: t('catalogue.columns.status'),
              width: 110,
              render: (_, p) => <Tag color={STATUS_COLOR[p.status]}>{t(`catalogue.${p.status}`)}</Tag>,
            },
            { title: t('catalogue.changedColumns'), render: (_, p) => p.fields.join(', ') },
          ]}
        />
      )}
    </Space>
  );
}

/**
 * Import of a workbook: choose the file, see the server's preview (added, changed, unchanged, rows
 * refused and why), then write. Nothing is written before "commit"; the server checks the file again.
 */
export function ImportPanel(props: {
  service: CatalogueService;
  open: boolean;
  onClose: (changed: boolean) => void;
}) {
  const { service, open, onClose } = props;
  const { t } = useCatalogueTranslation();
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [progress, setProgress] = useState<TransferProgress | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [committed, setCommitted] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (step: 'preview' | 'commit', bytes: Uint8Array) => {
    setBusy(true);
    setError(null);
    setProgress(null);
    try {
      const result = await (step === 'preview' ? service.previewImport : service.commitImport)(
        bytes,
        setProgress,
      );
      if (step === 'preview') setPreview(result);
      else setCommitted(result);
    } catch (e) {
      setError(importErrorText(t, e));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const choose = async (chosen: File) => {
    // Said at once, before a long upload the server would refuse anyway.
    const tooLarge = workbookSizeProblem(t, chosen.size);
    if (tooLarge) {
      setFile(null);
      setPreview(null);
      setCommitted(null);
      setError(tooLarge);
      return;
    }
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    setFile({ name: chosen.name, bytes });
    setPreview(null);
    setCommitted(null);
    await run('preview', bytes);
  };

  const close = () => {
    const changed =
      committed?.ok === true && (committed.written?.procedures ?? 0) + (committed.written?.sectors ?? 0) > 0;
    setFile(null);
    setPreview(null);
    setCommitted(null);
    setError(null);
    onClose(changed);
  };

  const shown = committed ?? preview;
  const canCommit =
    preview?.ok === true && !committed && preview.summary.counts.added + preview.summary.counts.changed > 0;
  return (
    <Modal
      open={open}
      title={t('catalogue.importTitle')}
      width={900}
      onCancel={close}
      data-testid="catalogue-import"
      footer={[
        <Button key="close" onClick={close}>
          {t('catalogue.cancel')}
        </Button>,
        <Button
          key="commit"
          type="primary"
          disabled={!canCommit || busy}
          loading={busy && preview !== null}
          onClick={() => file && void run('commit', file.bytes)}
          data-testid="catalogue-commit"
        >
          {t('catalogue.commit')}
        </Button>,
      ]}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('catalogue.importHint')}</Typography.Paragraph>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(chosen) => {
            void choose(chosen);
            return false;
          }}
          disabled={busy}
        >
          <Button data-testid="catalogue-choose-file" loading={busy && preview === null}>
            {file ? file.name : t('catalogue.import')}
          </Button>
        </Upload>
        <TransferProgressLine progress={progress} />
        {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
        {shown && !shown.ok && (
          <Alert
            type="error"
            showIcon
            data-testid="import-refused"
            title={t('catalogue.refused')}
            description={shown.error}
          />
        )}
        {committed?.ok && committed.written && (
          <Alert
            type="success"
            showIcon
            data-testid="import-committed"
            title={t('catalogue.committed', committed.written)}
          />
        )}
        {shown?.ok && <SummaryView summary={shown.summary} />}
      </Space>
    </Modal>
  );
}
