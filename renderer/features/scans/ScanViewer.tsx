import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Image, Modal, Spin, Typography } from 'antd';
import type { ScanAttachment } from '../../../shared/scans';
import { pageAfterKey, pageAt } from './page-position';
import { useScansTranslation } from './i18n';
import { drawPage, openPdf } from './pdf';
import { useScansService } from './service';

/** Renders a PDF's pages, one canvas each. */
async function renderPdf(bytes: Uint8Array, into: HTMLDivElement, scale: number): Promise<number> {
  const doc = await openPdf(bytes);
  into.replaceChildren();
  for (let n = 1; n <= doc.numPages; n++) {
    const canvas = await drawPage(doc, n, scale);
    canvas.dataset.testid = 'scan-pdf-page';
    canvas.style.display = 'block';
    canvas.style.margin = '0 auto 12px';
    into.append(canvas);
  }
  into.dataset.pages = String(doc.numPages);
  void doc.destroy();
  return doc.numPages;
}

/** Each drawn page's top within the panel's scrolled content (the panel is their offset parent). */
const pageTops = (panel: HTMLDivElement): number[] =>
  [...panel.children].map((page) => (page as HTMLElement).offsetTop);

/** The viewer of one attachment: an image (zoomable) or a PDF's pages; fetched on demand. */
export function ScanViewer({
  attachment,
  onClose,
}: {
  attachment: ScanAttachment | null;
  onClose: () => void;
}) {
  const { t } = useScansTranslation();
  return (
    <Modal
      open={attachment !== null}
      onCancel={onClose}
      footer={null}
      width={900}
      title={attachment ? `${t('scan.viewer')}: ${attachment.name}` : ''}
      destroyOnHidden
    >
      {attachment && <ViewerBody key={attachment.eventId} attachment={attachment} />}
    </Modal>
  );
}

/** The file itself; keyed by attachment, so its state starts afresh for each. */
function ViewerBody({ attachment }: { attachment: ScanAttachment }) {
  const { t } = useScansTranslation();
  const scans = useScansService();
  const [url, setUrl] = useState<string | null>(null);
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scale, setScale] = useState(1.2);
  const [pages, setPages] = useState(0);
  const [page, setPage] = useState(1);
  const pdfRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    let made: string | null = null;
    scans.open(attachment).then(
      (b) => {
        if (!live) return;
        setBytes(b);
        if (attachment.mime !== 'application/pdf') {
          made = URL.createObjectURL(new Blob([b as Uint8Array<ArrayBuffer>], { type: attachment.mime }));
          setUrl(made);
        }
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [attachment, scans]);

  useEffect(() => {
    if (!bytes || attachment.mime !== 'application/pdf' || !pdfRef.current) return;
    const panel = pdfRef.current;
    renderPdf(bytes, panel, scale).then(
      (n) => {
        setPages(n);
        setPage(pageAt(pageTops(panel), panel.scrollTop, panel.clientHeight, panel.scrollHeight));
        // The paging keys go to the pages once they are drawn.
        panel.focus({ preventScroll: true });
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [bytes, attachment, scale]);

  const onScroll = () => {
    const panel = pdfRef.current;
    if (panel) setPage(pageAt(pageTops(panel), panel.scrollTop, panel.clientHeight, panel.scrollHeight));
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const panel = pdfRef.current;
    const to = panel ? pageAfterKey(event.key, page, pages) : null;
    if (!panel || to === null) return;
    event.preventDefault();
    panel.scrollTop = pageTops(panel)[to - 1] ?? 0;
    // Set here too: the last page may be too short to scroll to its top.
    setPage(to);
  };

  const pdf = attachment.mime === 'application/pdf';
  return (
    <div data-testid="scan-viewer" data-loaded={bytes ? 'true' : 'false'} data-sha256={attachment.sha256}>
      {error && <Alert type="error" title={error} data-testid="scan-viewer-error" />}
      {!bytes && !error && <Spin tip={t('scan.loading')} />}
      {bytes && !pdf && url && (
        <Image src={url} alt={attachment.name} data-testid="scan-image" style={{ maxWidth: '100%' }} />
      )}
      {pdf && (
        <>
          <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
            <Button size="small" onClick={() => setScale((s) => Math.max(0.5, s - 0.3))}>
              {t('scan.zoom_out')}
            </Button>
            <Button size="small" onClick={() => setScale((s) => Math.min(4, s + 0.3))}>
              {t('scan.zoom_in')}
            </Button>
            {pages > 0 && (
              <Typography.Text type="secondary" data-testid="scan-pdf-pages">
                {t('scan.page', { page, pages })}
              </Typography.Text>
            )}
          </Flex>
          <div
            ref={pdfRef}
            tabIndex={0}
            onScroll={onScroll}
            onKeyDown={onKeyDown}
            data-testid="scan-pdf-panel"
            style={{ maxHeight: '70vh', overflow: 'auto', position: 'relative', outline: 'none' }}
          />
        </>
      )}
    </div>
  );
}
