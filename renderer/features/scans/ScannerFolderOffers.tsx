import { Button, Flex, Select, Typography } from 'antd';
import { useScansTranslation } from './i18n';
import type { ScannerFolderOffer } from './scanner-folder';

/**
 * The scanner folder's new files on the scan card: "Tệp mới từ máy quét: <tên>", the document it
 * goes to and the attach button. Nothing when no file is offered (web mode, no folder set).
 */
export function ScannerFolderOffers({
  offers,
  documents,
  target,
  onTarget,
  busy,
  onAttach,
}: {
  offers: readonly ScannerFolderOffer[];
  documents: readonly { documentId: string; name: string }[];
  /** The document the files go to. */
  target: string | undefined;
  onTarget: (documentId: string) => void;
  busy: boolean;
  onAttach: (name: string) => void;
}) {
  const { t } = useScansTranslation();
  return offers.map((offer) => (
    <Flex
      key={offer.name}
      gap={8}
      align="center"
      wrap
      style={{ marginBottom: 8 }}
      data-testid="scan-folder-offer"
      data-name={offer.name}
    >
      <Typography.Text strong>{t('scan.folder_new', { name: offer.name })}</Typography.Text>
      <Select
        size="small"
        style={{ minWidth: 200 }}
        aria-label={t('scan.folder_document')}
        value={target}
        onChange={onTarget}
        options={documents.map((d) => ({ value: d.documentId, label: d.name }))}
        data-testid="scan-folder-target"
      />
      <Button
        size="small"
        type="primary"
        disabled={busy}
        onClick={() => onAttach(offer.name)}
        data-testid="scan-folder-attach"
      >
        {t('scan.folder_attach')}
      </Button>
    </Flex>
  ));
}
