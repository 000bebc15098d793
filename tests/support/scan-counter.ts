/**
 * A test counter's scans: the app's own scan store (Dexie on fake-indexeddb, encrypted under a key
 * of its own) and upload queue (ScanHost, tus-js-client's Node build), and attaching a file to one
 * of its dossiers as the app does (the file stored, then the attach_scan step).
 */
import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import { ScanHost, type RateCapSource, type ScanTuning } from '../../renderer/features/scans/host';
import { act, type TestCounter } from '../integration/harness';

let n = 0;

export interface ScanSide {
  host: ScanHost;
  /** Stores `bytes` and records their attachment to the dossier's first document; answers the hash. */
  attach(dossierId: string, bytes: Uint8Array, documentId?: string): Promise<string>;
  /** Starts the upload queue, when opened with `startQueue: false` (files attached beforehand). */
  startQueue(): void;
  close(): Promise<void>;
}

/**
 * Opens the scan store of `counter` and, once its sync client runs, the upload queue to `serverUrl`
 * (at once, unless `startQueue: false`). `rateCapSource` stands where the app reads IT staff's cap.
 */
export async function openScanSide(
  counter: TestCounter,
  serverUrl: string,
  {
    startQueue = true,
    rateCapSource = null,
    ...tuning
  }: ScanTuning & { startQueue?: boolean; rateCapSource?: RateCapSource | null } = {},
): Promise<ScanSide> {
  const host = new ScanHost(rateCapSource);
  await host.open(randomBytes(32).toString('base64'), `scans-test-${++n}-${counter.counterId}`);
  const start = () => {
    if (!counter.sync) throw new Error('connect the counter first');
    host.connect({ serverUrl, token: counter.token }, counter.sync, {
      retryDelays: [0, 100, 300, 600, 1000, 1000, 1000],
      retryMs: 200,
      ...tuning,
    });
  };
  if (startQueue) start();
  return {
    startQueue: start,
    host,
    async attach(dossierId, bytes, documentId) {
      const sha256 = await host.store!.put(bytes, 'application/pdf');
      await act(counter, dossierId, [['attach_scan', 'receiver']], {
        sha256,
        size: bytes.byteLength,
        mime: 'application/pdf',
        name: 'scan.pdf',
        ...(documentId ? { documentId } : {}),
      });
      return sha256;
    },
    close: () => host.close(),
  };
}

/** Random bytes of `size` (incompressible, as a scan is) and their SHA-256. */
export function scanBytes(size: number): { bytes: Uint8Array; sha256: string } {
  const bytes = new Uint8Array(randomBytes(size));
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
