import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SCAN_BYTES } from '../../shared/domain/scan';
import { ScanFolderWatcher, scanMimeOf } from './folder-watcher';

let dir: string;
let watcher: ScanFolderWatcher;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'motcua-scanner-'));
});
afterEach(async () => {
  watcher?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Waits (on the watcher's own answers) until the offers satisfy `check`. */
async function offersWhen(check: (names: string[]) => boolean) {
  let seen = 0;
  for (;;) {
    const offers = await watcher.waitForOffers(seen, 10_000);
    if (check(offers.files.map((f) => f.name))) return offers;
    if (offers.version === seen) throw new Error('no change within 10 s');
    seen = offers.version;
  }
}

describe('the watched scanner folder', () => {
  it('offers a new PDF, JPEG or PNG (not files already there, not other types) and reads it once', async () => {
    await writeFile(path.join(dir, 'old.pdf'), '%PDF old');
    watcher = new ScanFolderWatcher(dir);
    watcher.start();
    expect(watcher.watching).toBe(true);
    await writeFile(path.join(dir, 'notes.txt'), 'not a scan');
    await writeFile(path.join(dir, 'Tờ khai 01.PDF'), '%PDF-1.4 tờ khai');
    const offers = await offersWhen((names) => names.includes('Tờ khai 01.PDF'));
    expect(offers.files.map((f) => f.name)).toEqual(['Tờ khai 01.PDF']);

    const file = await watcher.take('Tờ khai 01.PDF');
    expect(file.mime).toBe('application/pdf');
    expect(new TextDecoder().decode(file.data)).toBe('%PDF-1.4 tờ khai');
    expect((await watcher.waitForOffers(0)).files).toEqual([]);
    await expect(watcher.take('Tờ khai 01.PDF')).rejects.toThrow('scan.folder_not_offered');
  });

  it('reads only offered names: never another file, never outside the folder', async () => {
    await writeFile(path.join(dir, 'there.png'), 'png');
    watcher = new ScanFolderWatcher(dir);
    watcher.start();
    for (const name of ['there.png', '../etc/passwd.pdf', 'x.exe'])
      await expect(watcher.take(name)).rejects.toThrow('scan.folder_not_offered');
  });

  it('refuses an offered file above the scans limit', async () => {
    watcher = new ScanFolderWatcher(dir);
    watcher.start();
    await writeFile(path.join(dir, 'big.jpg'), new Uint8Array(MAX_SCAN_BYTES + 1));
    await offersWhen((names) => names.includes('big.jpg'));
    await expect(watcher.take('big.jpg')).rejects.toThrow('scan.too_large');
  });

  it('watches nothing without a folder, or with one that does not exist', async () => {
    watcher = new ScanFolderWatcher(null);
    watcher.start();
    expect(await watcher.waitForOffers(0)).toEqual({ watching: false, version: 0, files: [] });
    const errors: unknown[] = [];
    const missing = new ScanFolderWatcher(path.join(dir, 'missing'));
    missing.start((e) => errors.push(e));
    expect(missing.watching).toBe(false);
    expect(errors).toHaveLength(1);
  });

  it.each([
    ['a.pdf', 'application/pdf'],
    ['b.JPEG', 'image/jpeg'],
    ['c.jpg', 'image/jpeg'],
    ['d.png', 'image/png'],
    ['e.tiff', null],
    ['pdf', null],
  ])('%s is taken as %s', (name, mime) => expect(scanMimeOf(name)).toBe(mime));
});
