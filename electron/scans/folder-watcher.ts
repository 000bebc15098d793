// The scanner folder IT staff set in the provisioning file: the main process watches it and offers
// each new PDF, JPEG or PNG to the renderer, which asks for a file by name to attach it. The renderer
// never names a path: only the names offered here can be read, and only inside the folder.
import { watch, type FSWatcher } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_SCAN_BYTES, type ScanMime } from '../../shared/domain/scan';
import { fileNameSchema, type ScanFolderFile, type ScanFolderOffers } from '../../shared/ipc/contract';

const MIME_BY_EXTENSION: Record<string, ScanMime> = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
};
/** The newest offers kept; older ones drop off (the officer can still pick the file by hand). */
const MAX_OFFERS = 50;

/** The scan's type by its name, or null when the folder's file is not a scan we take. */
export function scanMimeOf(name: string): ScanMime | null {
  return MIME_BY_EXTENSION[path.extname(name).toLowerCase()] ?? null;
}

export class ScanFolderWatcher {
  private watcher: FSWatcher | null = null;
  private readonly offers = new Map<string, number>();
  private version = 0;
  private readonly waiters = new Set<() => void>();

  /** `dir`: the folder; null where none is set (nothing is watched, nothing offered). */
  constructor(readonly dir: string | null) {}

  /** Starts watching; files already in the folder are not offered, only those that arrive. */
  start(onError: (error: unknown) => void = () => {}): void {
    if (!this.dir || this.watcher) return;
    try {
      this.watcher = watch(this.dir, { persistent: false }, (_event, name) => {
        if (name) void this.consider(name.toString());
      });
      this.watcher.on('error', onError);
    } catch (error) {
      this.watcher = null;
      onError(error);
    }
  }

  get watching(): boolean {
    return this.watcher !== null;
  }

  /** The offers now, or once they are newer than `seen` (at most `waitMs` later). */
  async waitForOffers(seen: number, waitMs = 25_000): Promise<ScanFolderOffers> {
    if (this.watching && this.version <= seen) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        this.waiters.add(done);
      });
    }
    const files = [...this.offers].map(([name, size]) => ({ name, size }));
    return { watching: this.watching, version: this.version, files };
  }

  /**
   * Reads an offered file for attaching and stops offering it. Refuses a name not offered and a file
   * above the scans' limit (the renderer checks type and size again, as for the file picker).
   */
  async take(name: string): Promise<ScanFolderFile> {
    const mime = scanMimeOf(name);
    if (!this.dir || !this.offers.has(name) || !mime) throw new Error('scan.folder_not_offered');
    const handle = await open(path.join(this.dir, name), 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_SCAN_BYTES) throw new Error('scan.too_large');
      const data = new Uint8Array(size);
      await handle.read(data, 0, size, 0);
      this.offers.delete(name);
      this.bump();
      return { name, mime, data };
    } finally {
      await handle.close();
    }
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = null;
    for (const done of [...this.waiters]) done();
  }

  /** An event on `name`: offered when it is a scan file now in the folder, dropped when gone. */
  private async consider(name: string): Promise<void> {
    if (!this.dir || !scanMimeOf(name) || !fileNameSchema.safeParse(name).success) return;
    const info = await stat(path.join(this.dir, name)).catch(() => null);
    if (!info?.isFile()) {
      if (this.offers.delete(name)) this.bump();
      return;
    }
    if (info.size === 0 || this.offers.get(name) === info.size) return;
    this.offers.delete(name);
    this.offers.set(name, info.size);
    while (this.offers.size > MAX_OFFERS) this.offers.delete(this.offers.keys().next().value!);
    this.bump();
  }

  private bump(): void {
    this.version += 1;
    for (const done of [...this.waiters]) done();
  }
}
