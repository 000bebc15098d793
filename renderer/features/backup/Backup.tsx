import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Progress,
  Result,
  Spin,
  Tabs,
  Typography,
  type InputRef,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH } from './seal';
import { formatDateTime, formatNumber } from '../../app/format';
import { useSession } from '../session/service';
import { RepeatField } from '../session/OwnPasswordForm';
import {
  BACKUP_ROLES,
  BackupRefused,
  useBackupService,
  type BackupExportResult,
  type BackupFile,
  type BackupProgress,
  type BackupRestoreResult,
  type OpenedBackup,
} from './service';

/** 0 weak … 3 strong: a hint only, the one rule enforced is the minimum length. */
export function passphraseStrength(passphrase: string): 0 | 1 | 2 | 3 {
  const length = [...passphrase].length;
  if (length < MIN_PASSPHRASE_LENGTH || new Set(passphrase).size < 5) return 0;
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((r) => r.test(passphrase)).length;
  const words = passphrase.trim().split(/\s+/).length;
  if (length >= 20 || (length >= 14 && (classes >= 3 || words >= 4))) return 3;
  if (length >= 14 || classes >= 3 || words >= 3) return 2;
  return 1;
}

const STRENGTH_KEYS = ['strength_weak', 'strength_fair', 'strength_good', 'strength_strong'] as const;
const STRENGTH_COLORS = ['#cf1322', '#d48806', '#389e0d', '#237804'];

function StageLine({ progress }: { progress: BackupProgress }) {
  const { t } = useTranslation();
  const counts =
    'dossiers' in progress
      ? { dossiers: formatNumber(progress.dossiers), events: formatNumber(progress.events) }
      : {};
  return (
    <Flex gap={12} align="center" data-testid="backup-progress" data-stage={progress.stage}>
      <Spin size="small" />
      <span>{t(`backup.stage_${progress.stage}`, counts)}</span>
    </Flex>
  );
}

function refusalText(t: (key: string, options?: Record<string, unknown>) => string, error: unknown) {
  if (error instanceof BackupRefused) return t(`backup.refused.${error.code}`);
  return null;
}

function ExportPanel() {
  const { t } = useTranslation();
  const backup = useBackupService();
  const session = useSession();
  const [form] = Form.useForm<{ passphrase: string; confirm: string }>();
  const passphrase = Form.useWatch('passphrase', form) ?? '';
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [done, setDone] = useState<BackupExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<InputRef>(null);
  useEffect(() => first.current?.focus(), []);
  const strength = passphraseStrength(passphrase);

  const submit = async ({ passphrase: value }: { passphrase: string }) => {
    setDone(null);
    setError(null);
    try {
      const result = await backup.export(value, session, setProgress);
      setDone(result);
      form.resetFields();
    } catch (e) {
      setError(
        refusalText(t, e) ??
          t('backup.export_failed', { message: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      setProgress(null);
    }
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 560 }}>
      <Typography.Paragraph>{t('backup.export_intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        disabled={progress !== null}
        data-testid="backup-export-form"
      >
        <Form.Item
          name="passphrase"
          label={t('backup.passphrase')}
          extra={t('backup.passphrase_hint')}
          rules={[
            { required: true, message: t('backup.passphrase_required') },
            {
              validator: (_, value: string | undefined) =>
                !value || [...value].length >= MIN_PASSPHRASE_LENGTH
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(
                        t('backup.passphrase_too_short', {
                          min: MIN_PASSPHRASE_LENGTH,
                          count: [...value].length,
                        }),
                      ),
                    ),
            },
          ]}
        >
          <Input.Password ref={first} autoComplete="new-password" data-testid="backup-passphrase" />
        </Form.Item>
        {passphrase && (
          <Flex align="center" gap={8} style={{ marginTop: -8, marginBottom: 16 }}>
            <Progress
              steps={4}
              percent={((strength + 1) / 4) * 100}
              showInfo={false}
              strokeColor={STRENGTH_COLORS[strength]}
              size="small"
            />
            <span data-testid="backup-strength" data-strength={strength}>
              {t('backup.strength', { level: t(`backup.${STRENGTH_KEYS[strength]}`) })}
            </span>
          </Flex>
        )}
        <RepeatField
          field="passphrase"
          label={t('backup.passphrase_confirm')}
          mismatch={t('backup.passphrase_mismatch')}
          required={t('backup.passphrase_required')}
          input={{ 'data-testid': 'backup-passphrase-confirm' }}
        />
        <Button type="primary" htmlType="submit" loading={progress !== null} data-testid="backup-export">
          {t('backup.export_submit')}
        </Button>
      </Form>
      {progress && <StageLine progress={progress} />}
      {error && <Alert type="error" showIcon title={error} data-testid="backup-export-error" />}
      {done && (
        <Alert
          type={done.save.saved || done.save.reason === 'browser_download' ? 'success' : 'info'}
          showIcon
          data-testid="backup-exported"
          data-file-name={done.fileName}
          title={
            done.save.saved || done.save.reason === 'browser_download'
              ? t('backup.exported', {
                  dossiers: formatNumber(done.dossiers),
                  events: formatNumber(done.events),
                })
              : t('backup.export_cancelled')
          }
          description={
            done.save.saved
              ? t('backup.exported_saved', { fileName: done.save.fileName })
              : done.save.reason === 'browser_download'
                ? t('backup.exported_download', { fileName: done.fileName })
                : undefined
          }
        />
      )}
    </Flex>
  );
}

function BackupPreview({ file }: { file: BackupFile }) {
  const { t } = useTranslation();
  const backup = useBackupService();
  const session = useSession();
  const [counter, setCounter] = useState<string | null>(null);
  const { metadata } = file;
  useEffect(() => {
    let live = true;
    if (metadata.counterId)
      void backup.counterName(metadata.counterId).then((name) => live && setCounter(name));
    return () => {
      live = false;
    };
  }, [backup, metadata.counterId]);
  const count = (name: string) =>
    metadata.counts?.[name] === undefined ? t('backup.unknown') : formatNumber(metadata.counts[name]);
  const office = !metadata.officeId
    ? t('backup.unknown')
    : metadata.officeId === session.office.id
      ? `${session.office.name} (${session.office.agencyCode})`
      : metadata.officeId;
  return (
    <Descriptions
      title={t('backup.preview_title')}
      size="small"
      bordered
      column={1}
      data-testid="backup-preview"
      items={[
        { key: 'file', label: t('backup.file'), children: file.fileName },
        { key: 'office', label: t('backup.office'), children: office },
        {
          key: 'counter',
          label: t('backup.counter'),
          children: !metadata.counterId
            ? t('backup.unknown')
            : (counter ?? t('backup.other_counter', { id: metadata.counterId })),
        },
        {
          key: 'created',
          label: t('backup.created_at'),
          children: <span data-testid="backup-preview-created">{formatDateTime(metadata.createdAt)}</span>,
        },
        {
          key: 'dossiers',
          label: t('backup.dossiers'),
          children: <span data-testid="backup-preview-dossiers">{count('dossiers')}</span>,
        },
        {
          key: 'events',
          label: t('backup.events'),
          children: <span data-testid="backup-preview-events">{count('dossier_events')}</span>,
        },
        { key: 'version', label: t('backup.app_version'), children: metadata.appVersion },
      ]}
    />
  );
}

function RestorePanel() {
  const { t } = useTranslation();
  const { modal } = AntApp.useApp();
  const backup = useBackupService();
  const session = useSession();
  const [form] = Form.useForm<{ passphrase: string }>();
  const [file, setFile] = useState<BackupFile | null>(null);
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<BackupRestoreResult | null>(null);
  const pickButton = useRef<HTMLButtonElement>(null);
  const passphraseInput = useRef<InputRef>(null);
  useEffect(() => pickButton.current?.focus(), []);
  useEffect(() => {
    if (file) passphraseInput.current?.focus();
  }, [file]);

  const otherOffice = !!file?.metadata.officeId && file.metadata.officeId !== session.office.id;
  const failure = (e: unknown, key: 'backup.restore_failed') =>
    refusalText(t, e) ?? t(key, { message: e instanceof Error ? e.message : String(e) });

  const pick = async () => {
    setError(null);
    setDone(null);
    try {
      const picked = await backup.pick();
      if (picked) {
        form.resetFields();
        setFile(picked);
      }
    } catch (e) {
      setFile(null);
      setError(failure(e, 'backup.restore_failed'));
    }
  };

  const write = async (opened: OpenedBackup) => {
    try {
      const result = await backup.restore(opened, session, setProgress);
      setProgress(null);
      setFile(null);
      form.resetFields();
      setDone(result);
    } catch (e) {
      setProgress(null);
      setError(failure(e, 'backup.restore_failed'));
    }
  };

  const open = async ({ passphrase }: { passphrase: string }) => {
    if (!file) return;
    setError(null);
    setProgress({ stage: 'opening' });
    let opened: OpenedBackup;
    try {
      opened = await backup.open(file, passphrase, session);
    } catch (e) {
      setProgress(null);
      setError(failure(e, 'backup.restore_failed'));
      passphraseInput.current?.focus({ cursor: 'all' });
      return;
    }
    setProgress(null);
    // The officer confirms knowing exactly what is added and that nothing here is replaced.
    modal.confirm({
      title: t('backup.confirm_title', {
        dossiers: formatNumber(opened.dossiers),
        events: formatNumber(opened.events),
      }),
      content: <span data-testid="backup-confirm-body">{t('backup.merge_body')}</span>,
      okText: t('backup.confirm_ok'),
      cancelText: t('backup.confirm_cancel'),
      autoFocusButton: 'ok',
      okButtonProps: { 'data-testid': 'backup-confirm-ok' } as Record<`data-${string}`, string>,
      onOk: () => void write(opened),
    });
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 640 }}>
      <Typography.Paragraph>{t('backup.restore_intro')}</Typography.Paragraph>
      <div>
        <Button
          ref={pickButton}
          type={file ? 'default' : 'primary'}
          onClick={() => void pick()}
          disabled={progress !== null}
          data-testid="backup-pick"
        >
          {file ? t('backup.pick_other') : t('backup.pick')}
        </Button>
      </div>
      {file && <BackupPreview file={file} />}
      {file && otherOffice && (
        <Alert type="error" showIcon title={t('backup.refused.other_office')} data-testid="backup-error" />
      )}
      {file && !otherOffice && (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('backup.merge_title')}
            description={t('backup.merge_body')}
            data-testid="backup-merge-note"
          />
          <Form
            form={form}
            layout="vertical"
            onFinish={(values) => void open(values)}
            disabled={progress !== null}
            data-testid="backup-restore-form"
          >
            <Form.Item
              name="passphrase"
              label={t('backup.passphrase')}
              rules={[{ required: true, message: t('backup.passphrase_required') }]}
            >
              <Input.Password
                ref={passphraseInput}
                autoComplete="off"
                data-testid="backup-restore-passphrase"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={progress !== null} data-testid="backup-open">
              {t('backup.open_submit')}
            </Button>
          </Form>
        </>
      )}
      {progress && <StageLine progress={progress} />}
      {error && <Alert type="error" showIcon title={error} data-testid="backup-error" />}
      {done && (
        <Alert
          type="success"
          showIcon
          data-testid="backup-restored"
          data-dossiers-added={done.dossiers.added}
          title={t('backup.restored')}
          description={
            <>
              <div>
                {t('backup.restored_detail', {
                  dossiersAdded: formatNumber(done.dossiers.added),
                  dossiersInFile: formatNumber(done.dossiers.inFile),
                  eventsAdded: formatNumber(done.events.added),
                  eventsInFile: formatNumber(done.events.inFile),
                  otherAdded: formatNumber(done.other.added),
                  otherInFile: formatNumber(done.other.inFile),
                })}
              </div>
              <div>{t('backup.restored_codes')}</div>
            </>
          }
        />
      )}
    </Flex>
  );
}

/** Back up the counter's replica to a passphrase-sealed file, and restore one (issue 5). */
export function BackupScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const [tab, setTab] = useState('export');
  if (!BACKUP_ROLES.includes(session.role)) {
    return <Result status="403" title={t('backup.title')} subTitle={t('backup.forbidden')} />;
  }
  return (
    <Card title={t('backup.title')} data-testid="backup-screen">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'export', label: t('backup.tab_export'), children: <ExportPanel /> },
          {
            key: 'restore',
            label: <span data-testid="backup-tab-restore">{t('backup.tab_restore')}</span>,
            children: <RestorePanel />,
          },
        ]}
      />
    </Card>
  );
}
