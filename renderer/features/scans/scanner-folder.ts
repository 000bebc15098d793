import { useEffect, useState } from 'react';
import type { ScanFolderOffers } from '../../../shared/ipc/contract';
import { getPlatform } from '../../platform';

type Offer = ScanFolderOffers['files'][number];

/**
 * The new files in the scanner folder IT staff set (desktop only): kept current by asking the main
 * process, which answers when the offers change. Empty in web mode or where no folder is watched.
 */
export function useScannerFolder(enabled: boolean): Offer[] {
  const [files, setFiles] = useState<Offer[]>([]);
  useEffect(() => {
    const platform = getPlatform();
    if (!enabled || platform.kind !== 'desktop') return;
    let live = true;
    void (async () => {
      let seen = 0;
      while (live) {
        const offers = await platform.scanFolderOffers({ seen });
        if (!live || !offers.watching) return;
        setFiles(offers.files);
        seen = offers.version;
      }
    })().catch((error: unknown) => console.error('scans: the scanner folder stopped answering', error));
    return () => {
      live = false;
    };
  }, [enabled]);
  return files;
}

/** Reads an offered file from the scanner folder as a File, for the same attach path as the picker. */
export async function takeFromScannerFolder(name: string): Promise<File> {
  const { data, mime } = await getPlatform().scanFolderTake({ name });
  return new File([data as Uint8Array<ArrayBuffer>], name, { type: mime });
}
