// check-updates vets an updates folder before IT copies it to the server: metadata, checksums,
// blockmaps and names the feed would serve. The feed itself is in updates-feed.test.ts.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildBlockMap } from 'app-builder-lib/out/targets/blockmap/blockmap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUpdatesFolder, formatUpdatesReport } from '../../server/updates/check';
import { channelYaml } from '../support/update-metadata';

let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'motcua-updates-check-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('check-updates', () => {
  const exe = (d: string) => path.join(d, 'motcua-setup-1.0.0.exe');
  async function folder(
    mutate: (dir: string, exe: Buffer) => Promise<void> | void = () => {},
  ): Promise<{ dir: string; exe: Buffer }> {
    const d = mkdtempSync(path.join(work, 'check-'));
    const bytes = randomBytes(50_000);
    const appImage = randomBytes(40_000);
    writeFileSync(exe(d), bytes);
    await buildBlockMap(exe(d), 'gzip', `${exe(d)}.blockmap`);
    // The running version's blockmap stays for differential downloads (its installer need not).
    writeFileSync(path.join(d, 'motcua-setup-0.9.0.exe'), randomBytes(45_000));
    await buildBlockMap(
      path.join(d, 'motcua-setup-0.9.0.exe'),
      'gzip',
      path.join(d, 'motcua-setup-0.9.0.exe.blockmap'),
    );
    rmSync(path.join(d, 'motcua-setup-0.9.0.exe'));
    writeFileSync(path.join(d, 'motcua-1.0.0-linux-x86_64.AppImage'), appImage);
    writeFileSync(
      path.join(d, 'latest.yml'),
      channelYaml('1.0.0', [{ name: 'motcua-setup-1.0.0.exe', bytes }]),
    );
    writeFileSync(
      path.join(d, 'latest-linux.yml'),
      channelYaml('1.0.0', [{ name: 'motcua-1.0.0-linux-x86_64.AppImage', bytes: appImage }]),
    );
    await mutate(d, bytes);
    return { dir: d, exe: bytes };
  }

  it('accepts a folder as electron-builder writes it', async () => {
    const { dir: d } = await folder();
    const report = await checkUpdatesFolder(d);
    expect(report.problemCount).toBe(0);
    expect(report.channels.map((c) => [c.name, c.version, c.files.map((f) => f.ok)])).toEqual([
      ['latest-linux.yml', '1.0.0', [true]],
      ['latest.yml', '1.0.0', [true]],
    ]);
    expect(report.warnings).toEqual([]);
    expect(formatUpdatesReport(report)).toContain('all update files check out');
  });

  it.each<[string, (d: string, bytes: Buffer) => Promise<void> | void, RegExp]>([
    [
      'a tampered installer (same size)',
      (d, bytes) => {
        const copy = Buffer.from(bytes);
        copy[1234] = copy[1234]! ^ 0xff;
        writeFileSync(exe(d), copy);
      },
      /motcua-setup-1\.0\.0\.exe: sha512 differs/,
    ],
    [
      'a truncated installer',
      (d, bytes) => writeFileSync(exe(d), bytes.subarray(0, 1000)),
      /size 1000 bytes in the folder, 50000 in the \.yml/,
    ],
    ['a missing installer', (d) => rmSync(exe(d)), /motcua-setup-1\.0\.0\.exe: missing from the folder/],
    [
      'broken YAML',
      (d) => writeFileSync(path.join(d, 'latest.yml'), 'version: [1.0\nfiles: {'),
      /latest\.yml[\s\S]*not valid YAML/,
    ],
    [
      'a version YAML reads as a number',
      async (d) =>
        writeFile(
          path.join(d, 'latest.yml'),
          (await readFile(path.join(d, 'latest.yml'), 'utf8')).replace('version: 1.0.0', 'version: 1.0'),
        ),
      /version: version must be text/,
    ],
    [
      'a sha512 that is not base64 of 64 bytes',
      async (d) =>
        writeFile(
          path.join(d, 'latest.yml'),
          (await readFile(path.join(d, 'latest.yml'), 'utf8')).replace(/sha512: \S+/g, 'sha512: abc'),
        ),
      /files\.0\.sha512: sha512 must be base64/,
    ],
    [
      'a file outside the folder',
      async (d) =>
        writeFile(
          path.join(d, 'latest.yml'),
          (await readFile(path.join(d, 'latest.yml'), 'utf8')).replaceAll(
            'motcua-setup-1.0.0.exe',
            '../motcua-setup-1.0.0.exe',
          ),
        ),
      /\.\.\/motcua-setup-1\.0\.0\.exe: the server does not serve this name/,
    ],
    [
      'no metadata at all',
      (d) => {
        rmSync(path.join(d, 'latest.yml'));
        rmSync(path.join(d, 'latest-linux.yml'));
      },
      /no update metadata/,
    ],
    [
      "another build's blockmap",
      async (d) => {
        writeFileSync(path.join(d, 'other.exe'), randomBytes(50_001));
        await buildBlockMap(path.join(d, 'other.exe'), 'gzip', `${exe(d)}.blockmap`);
        rmSync(path.join(d, 'other.exe'));
      },
      /motcua-setup-1\.0\.0\.exe\.blockmap describes 50001 bytes, the installer has 50000: made for another build/,
    ],
    [
      'a blockmap that is not one',
      (d) => writeFileSync(`${exe(d)}.blockmap`, randomBytes(100)),
      /motcua-setup-1\.0\.0\.exe\.blockmap is not a blockmap/,
    ],
  ])('reports %s', async (_label, mutate, message) => {
    const { dir: d } = await folder(mutate);
    const report = await checkUpdatesFolder(d);
    expect(report.problemCount).toBeGreaterThan(0);
    expect(formatUpdatesReport(report)).toMatch(message);
  });

  it('notes what only costs bandwidth without failing the check', async () => {
    const { dir: d } = await folder((d) => {
      rmSync(path.join(d, 'motcua-setup-0.9.0.exe.blockmap'));
      writeFileSync(path.join(d, 'README.txt'), 'notes');
    });
    const report = await checkUpdatesFolder(d);
    expect(report.problemCount).toBe(0);
    expect(report.warnings).toEqual([
      'README.txt: not served (not an update file type)',
      expect.stringMatching(/^motcua-setup-1\.0\.0\.exe: no \.blockmap of an earlier version/),
    ]);
  });

  it('the CLI command exits 0 on a good folder and 1 with the problem on a tampered one', async () => {
    const run = promisify(execFile);
    const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const { dir: good } = await folder();
    const ok = await run(tsx, ['server/cli.ts', 'check-updates', '--dir', good]);
    expect(ok.stdout).toContain('ok       motcua-setup-1.0.0.exe  (50.000 bytes, sha512 matches)');
    const { dir: bad } = await folder((d, bytes) =>
      writeFileSync(exe(d), Buffer.concat([bytes.subarray(1), Buffer.from([0])])),
    );
    const failed = await run(tsx, ['server/cli.ts', 'check-updates', '--dir', bad]).then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain('PROBLEM  motcua-setup-1.0.0.exe: sha512 differs');
  }, 60_000);
});
