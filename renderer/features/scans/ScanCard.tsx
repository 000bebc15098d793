import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Tag, Typography, Upload } from 'antd';
import type { Dossier, DossierEvent } from '../../../shared/domain';
import { MAX_SCAN_BYTES, RESULT_DOCUMENT, SCAN_MIMES } from '../../../shared/domain';
import type { ScanAttachment } from '../../../shared/scans';
import { useSession } from '../session/service';
import { useScansTranslation } from './i18n';
import { useScansService } from './service';
import { ScanViewer } from './ScanViewer';
import { Thumbnail } from './Thumbnail';
import { attachFromScannerFolder, useScannerFolder } from './scanner-folder';
import { ScannerFolderOffers } from './ScannerFolderOffers';

const MAX_MB = MAX_SCAN_BYTES / 1024 / 1024;

interface Row {
  documentId: string;
  name: string;
}

/**
 * The dossier's digitisation: each required document (and the result once there is one) with its
 * attached file, a picker with drag and drop, thumbnails and the viewer. Works offline.
 */
export function ScanCard({
  dossier,
  events,
  canAttach,
}: {
  dossier: Dossier;
  events: DossierEvent[];
  canAttach: boolean;
}) {
  const { t } = useScansTranslation();
  const scans = useScansService();
  const session = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<ScanAttachment | null>(null);
  // Bumped when the viewer closes: a file fetched to view it is now here and gets its thumbnail.
  const [viewed, setViewed] = useState(0);
  const attachments = scans.attachmentsOf(events);
  const rows: Row[] = dossier.documents.map((d) => ({ documentId: d.documentId, name: d.name }));
  if (dossier.result) rows.push({ documentId: RESULT_DOCUMENT, name: t('scan.result') });
  const scanned = useScannerFolder(canAttach);
  const [target, setTarget] = useState<string | undefined>(undefined);
  const targetRow = rows.find((r) => r.documentId === target) ?? rows[0];

  const attachScanned = async (name: string) => {
    if (!targetRow) return;
    setBusy(targetRow.documentId);
    setError(null);
    try {
      const file = await attachFromScannerFolder(
        scans,
        { dossier, documentId: targetRow.documentId, session },
        name,
      );
      message.success(t('scan.attached', { name: file.name }));
    } catch (e) {
      // The main process refuses with a scan.* key; the service's refusals are already worded.
      const key = e instanceof Error ? (/scan\.[a-z_]+/.exec(e.message)?.[0] ?? e.message) : String(e);
      setError(t(key, { max: MAX_MB, defaultValue: key }));
    } finally {
      setBusy(null);
    }
  };

  const attach = async (row: Row, file: File) => {
    setBusy(row.documentId);
    setError(null);
    try {
      await scans.attach(dossier, row.documentId, file, session);
      message.success(t('scan.attached', { name: file.name }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t('scan.title')} data-testid="scan-card">
      {rows.map((row) => {
        const files = attachments.filter((a) => a.documentId === row.documentId);
        return (
          <Flex
            key={row.documentId}
            vertical
            gap={4}
            style={{ marginBottom: 12 }}
            data-testid={`scan-row-${row.documentId}`}
            data-digitised={files.length > 0 ? 'true' : 'false'}
          >
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>{row.name}</Typography.Text>
              <Tag color={files.length > 0 ? 'green' : 'default'}>
                {t(files.length > 0 ? 'scan.digitised' : 'scan.not_digitised')}
              </Tag>
            </Flex>
            {files.map((a) => (
              <Flex key={a.eventId} gap={8} align="center">
                <Thumbnail key={viewed} attachment={a} />
                <Typography.Text>{a.name}</Typography.Text>
                <Button size="small" onClick={() => setViewing(a)} data-testid="scan-open">
                  {t('scan.open')}
                </Button>
              </Flex>
            ))}
            {canAttach && (
              <Upload.Dragger
                accept={SCAN_MIMES.join(',')}
                showUploadList={false}
                multiple={false}
                disabled={busy !== null}
                beforeUpload={(file) => {
                  void attach(row, file);
                  return false;
                }}
                data-testid={`scan-drop-${row.documentId}`}
                style={{ padding: 4 }}
              >
                <Typography.Text>{t('scan.pick')}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{t('scan.hint', { max: MAX_MB })}</Typography.Text>
              </Upload.Dragger>
            )}
          </Flex>
        );
      })}
      {canAttach && (
        <ScannerFolderOffers
          offers={scanned}
          documents={rows}
          target={targetRow?.documentId}
          onTarget={setTarget}
          busy={busy !== null}
          onAttach={(name) => void attachScanned(name)}
        />
      )}
      {error && <Alert type="error" title={error} data-testid="scan-error" />}
      <ScanViewer
        attachment={viewing}
        onClose={() => {
          setViewing(null);
          setViewed((n) => n + 1);
        }}
      />
    </Card>
  );
}
