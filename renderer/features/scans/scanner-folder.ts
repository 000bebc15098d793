import { useEffect, useState } from 'react';
import type { Dossier } from '../../../shared/domain';
import type { ScanFolderOffers } from '../../../shared/ipc/contract';
import { getPlatform, type Platform } from '../../platform';
import type { Session } from '../session/service';
import type { ScansService } from './service';

export type ScannerFolderOffer = ScanFolderOffers['files'][number];

/**
 * Follows the new files in the scanner folder IT staff set (desktop only): asks the main process,
 * which answers when the offers change, and hands each new list to `onOffers`. Nothing in web mode
 * or where no folder is watched. Answers the function that stops following.
 */
export function followScannerFolder(
  platform: Platform,
  onOffers: (files: ScannerFolderOffer[]) => void,
): () => void {
  if (platform.kind !== 'desktop') return () => {};
  let live = true;
  void (async () => {
    let seen = 0;
    while (live) {
      const offers = await platform.scanFolderOffers({ seen });
      if (!live || !offers.watching) return;
      onOffers(offers.files);
      seen = offers.version;
    }
  })().catch((error: unknown) => console.error('scans: the scanner folder stopped answering', error));
  return () => {
    live = false;
  };
}

/** The scanner folder's new files, kept current while the card can attach. */
export function useScannerFolder(enabled: boolean): ScannerFolderOffer[] {
  const [files, setFiles] = useState<ScannerFolderOffer[]>([]);
  useEffect(() => (enabled ? followScannerFolder(getPlatform(), setFiles) : undefined), [enabled]);
  return files;
}

/** Reads an offered file from the scanner folder as a File, for the same attach path as the picker. */
export async function takeFromScannerFolder(name: string, platform: Platform = getPlatform()): Promise<File> {
  const { data, mime } = await platform.scanFolderTake({ name });
  return new File([data as Uint8Array<ArrayBuffer>], name, { type: mime });
}

/**
 * Attaches the offered file `name` to the dossier's document `documentId`, checked, stored and
 * recorded as a picked file is. Answers the file attached.
 */
export async function attachFromScannerFolder(
  scans: ScansService,
  target: { dossier: Dossier; documentId: string; session: Session },
  name: string,
  platform: Platform = getPlatform(),
): Promise<File> {
  const file = await takeFromScannerFolder(name, platform);
  await scans.attach(target.dossier, target.documentId, file, target.session);
  return file;
}
