import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether `value` is a SHA-256 digest in lower-case hex (a stored file's name). */
export function isSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** The SHA-256 of a file, read as a stream (a scan is up to tens of megabytes). */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The server's scan files: finished files in `dir`, each named by its SHA-256, and uploads in
 * progress under `dir/uploads` (tus's file store). Which office may read a file is decided by the
 * dossiers' attach_scan events in the replication store, never by the file itself.
 */
export class ScanStore {
  readonly uploadsDir: string;

  constructor(
    private readonly pool: pg.Pool,
    readonly dir: string,
  ) {
    this.uploadsDir = path.join(dir, 'uploads');
  }

  async ready(): Promise<void> {
    await mkdir(this.uploadsDir, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error('not a sha256');
    return path.join(this.dir, sha256);
  }

  /** The stored file's size, or null when the server does not hold it. */
  async sizeOf(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch {
      return null;
    }
  }

  /**
   * Checks a finished upload against the hash it was announced with: kept under its hash when they
   * match (an identical file already held is kept once), deleted otherwise. Answers whether it matched.
   */
  async finish(uploadId: string, sha256: string): Promise<boolean> {
    const upload = path.join(this.uploadsDir, uploadId);
    const actual = await sha256OfFile(upload);
    if (actual !== sha256) {
      await this.discard(uploadId);
      return false;
    }
    if ((await this.sizeOf(sha256)) === null) await rename(upload, this.pathOf(sha256));
    await this.discard(uploadId);
    return true;
  }

  /** Removes an upload in progress and tus's record of it. */
  async discard(uploadId: string): Promise<void> {
    const upload = path.join(this.uploadsDir, uploadId);
    await rm(upload, { force: true });
    await rm(`${upload}.json`, { force: true });
  }

  /**
   * Deletes the unfinished uploads nobody has touched for `maxAgeMs` (a counter that began one and
   * never came back): their bytes and tus's record. Untouched means the bytes were last written then
   * (every PATCH writes them), so a slow upload resumed now and then is kept. Answers how many went.
   */
  async deleteStaleUploads(maxAgeMs: number, now = Date.now()): Promise<number> {
    let deleted = 0;
    for (const name of await readdir(this.uploadsDir)) {
      if (name.endsWith('.json')) continue;
      const info = await stat(path.join(this.uploadsDir, name)).catch(() => null);
      if (!info?.isFile() || now - info.mtimeMs <= maxAgeMs) continue;
      await this.discard(name);
      deleted += 1;
    }
    return deleted;
  }

  /** Whether a dossier of `officeId` records an attachment of this file (who may read it). */
  async officeReferences(officeId: string, sha256: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `SELECT 1 FROM documents
        WHERE collection = 'dossier_events' AND doc->>'type' = 'attach_scan'
          AND doc->'payload'->>'sha256' = $2 AND office_id = $1
        LIMIT 1`,
      [officeId, sha256],
    );
    return (rowCount ?? 0) > 0;
  }

  /** How many files the server holds and their total size (for the console). */
  async usage(): Promise<{ files: number; bytes: number }> {
    let files = 0;
    let bytes = 0;
    for (const name of await readdir(this.dir)) {
      if (!isSha256(name)) continue;
      files += 1;
      bytes += (await stat(path.join(this.dir, name))).size;
    }
    return { files, bytes };
  }
}
