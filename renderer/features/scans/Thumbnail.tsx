import { useEffect, useState } from 'react';
import type { ScanAttachment } from '../../../shared/scans';
import { pdfThumbnail } from './pdf';
import { useScansService } from './service';

const SIZE = 48;

/**
 * A small preview of an attached file kept on this counter (decrypted here): the image itself, or a
 * PDF's first page. A file of another counter shows none until it is opened (fetched): opening a
 * dossier never downloads its scans over the link.
 */
export function Thumbnail({ attachment }: { attachment: ScanAttachment }) {
  const scans = useScansService();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    let live = true;
    const preview = async (): Promise<Blob | null> => {
      const bytes = await scans.local(attachment);
      if (!bytes) return null;
      if (attachment.mime === 'application/pdf') return pdfThumbnail(bytes, SIZE * 2);
      return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: attachment.mime });
    };
    preview().then(
      (blob) => {
        if (!live || !blob) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      () => undefined,
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [attachment, scans]);
  if (!url) return null;
  return (
    <img
      src={url}
      alt=""
      data-testid="scan-thumb"
      style={{ width: SIZE, height: SIZE, objectFit: 'cover', border: '1px solid #d9d9d9' }}
    />
  );
}
