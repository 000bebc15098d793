import Dexie, { type Table } from 'dexie';
import type { ScanMime } from '../../../shared/domain';
import { sha256Hex, type ScanCipher } from './cipher';

/** A file as stored: encrypted, under its hash, once however many dossiers attach it. */
interface StoredFile {
  sha256: string;
  size: number;
  mime: ScanMime;
  iv: Uint8Array;
  data: ArrayBuffer;
}

/** A file waiting for the provincial server (or sent), with its tus upload to resume. */
export interface UploadEntry {
  sha256: string;
  size: number;
  state: 'pending' | 'done';
  /** The tus upload's address on the server, kept to resume after a restart. */
  url?: string;
  queuedAt: string;
  /** When the server confirmed the file (the end-of-day summary counts the day's). */
  sentAt?: string;
}

class ScanDatabase extends Dexie {
  files!: Table<StoredFile, string>;
  uploads!: Table<UploadEntry, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ files: 'sha256', uploads: 'sha256, state' });
  }
}

/**
 * The counter's scan files, in IndexedDB beside the replica (a database of their own: blobs have no
 * place in the replicated documents), content-addressed by SHA-256 and encrypted at rest.
 */
export class ScanStore {
  private readonly db: ScanDatabase;
  private readonly listeners = new Set<() => void>();

  constructor(
    name: string,
    private readonly cipher: ScanCipher,
  ) {
    this.db = new ScanDatabase(name);
  }

  /** Stores the bytes (once per hash) and queues them for upload; answers their hash. */
  async put(bytes: Uint8Array, mime: ScanMime): Promise<string> {
    const sha256 = await sha256Hex(bytes);
    if (!(await this.db.files.get(sha256))) {
      const sealed = await this.cipher.seal(bytes, sha256);
      await this.db.files.put({ sha256, size: bytes.byteLength, mime, ...sealed });
    }
    await this.queue(sha256, bytes.byteLength);
    return sha256;
  }

  /** Stores bytes fetched from the server (already there: not queued). Refuses bytes that do not match. */
  async putFetched(sha256: string, bytes: Uint8Array, mime: ScanMime): Promise<void> {
    if ((await sha256Hex(bytes)) !== sha256) throw new Error('scan.hash_mismatch');
    const sealed = await this.cipher.seal(bytes, sha256);
    await this.db.files.put({ sha256, size: bytes.byteLength, mime, ...sealed });
  }

  async get(sha256: string): Promise<Uint8Array | null> {
    const file = await this.db.files.get(sha256);
    return file ? this.cipher.open(file, sha256) : null;
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.db.files.where('sha256').equals(sha256).count()) > 0;
  }

  private async queue(sha256: string, size: number): Promise<void> {
    const known = await this.db.uploads.get(sha256);
    if (known) return;
    await this.db.uploads.put({ sha256, size, state: 'pending', queuedAt: new Date().toISOString() });
    this.changed();
  }

  pending(): Promise<UploadEntry[]> {
    return this.db.uploads.where('state').equals('pending').sortBy('queuedAt');
  }

  async setUploadUrl(sha256: string, url: string | undefined): Promise<void> {
    await this.db.uploads.update(sha256, { url });
  }

  async markSent(sha256: string): Promise<void> {
    await this.db.uploads.update(sha256, { state: 'done', url: undefined, sentAt: new Date().toISOString() });
    this.changed();
  }

  /** How many files the server confirmed at or after `since` (an ISO time). */
  sentSince(since: string): Promise<number> {
    return this.db.uploads
      .where('state')
      .equals('done')
      .filter((e) => (e.sentAt ?? '') >= since)
      .count();
  }

  /** Calls back when a file is queued or sent. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  close(): void {
    this.db.close();
  }
}
