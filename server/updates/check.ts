// The check-updates command: whether every channel file of the updates folder names installers
// that are there, whole and the ones it was made for.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { load } from 'js-yaml';
import { z } from 'zod';
import { updateFileContentType } from './feed-files';

const sha512Schema = z
  .string()
  .regex(/^[A-Za-z0-9+/]{86}==$/, 'sha512 must be base64 of 64 bytes, as electron-builder writes it');

/** electron-builder's channel file (latest.yml, latest-linux.yml, beta.yml…), as electron-updater reads it. */
export const updateInfoSchema = z.looseObject({
  version: z
    .string({ error: 'version must be text such as 1.2.3 (quote it if YAML reads it as a number)' })
    .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, 'version must be semver, e.g. 1.2.3'),
  files: z
    .array(
      z.looseObject({
        url: z.string().min(1),
        sha512: sha512Schema,
        size: z.number().int().positive(),
        blockMapSize: z.number().int().positive().optional(),
      }),
    )
    .min(1, 'files must list at least one installer'),
  path: z.string().min(1).optional(),
  sha512: sha512Schema.optional(),
  releaseDate: z.union([z.string(), z.date()]).refine((d) => !Number.isNaN(new Date(d).getTime()), {
    message: 'releaseDate must be a date (ISO 8601)',
  }),
});
export type UpdateInfoFile = z.infer<typeof updateInfoSchema>;

export interface CheckedFile {
  name: string;
  size: number;
  ok: boolean;
  problem?: string;
}
export interface CheckedChannel {
  /** The .yml file name. */
  name: string;
  version?: string;
  releaseDate?: string;
  files: CheckedFile[];
  problems: string[];
}
export interface UpdatesReport {
  dir: string;
  channels: CheckedChannel[];
  /** Files the feed will not serve or no channel file names; never a failure. */
  warnings: string[];
  problemCount: number;
}

const blockMapSchema = z.object({
  version: z.enum(['1', '2']),
  files: z
    .array(
      z.object({
        name: z.string(),
        offset: z.number().int().min(0),
        checksums: z.array(z.string()),
        sizes: z.array(z.number().int().positive()),
      }),
    )
    .min(1),
});

/**
 * Why a separate .blockmap (gzip'd JSON) cannot serve differential downloads of its installer, or null.
 * A blockmap of another build makes PCs fail the differential download and fetch the whole file.
 */
export function blockMapProblem(gzipped: Buffer, installerSize: number): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(gunzipSync(gzipped).toString('utf8'));
  } catch {
    return 'is not a blockmap (not gzip-compressed JSON)';
  }
  const map = blockMapSchema.safeParse(parsed);
  if (!map.success) return 'is not a blockmap electron-updater reads';
  const described = map.data.files.reduce((n, f) => n + f.sizes.reduce((a, b) => a + b, 0), 0);
  if (map.data.files.some((f) => f.checksums.length !== f.sizes.length))
    return 'is damaged (checksums and sizes differ in number)';
  if (described !== installerSize)
    return `describes ${described} bytes, the installer has ${installerSize}: made for another build`;
  return null;
}

async function sha512Of(file: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

async function checkChannel(root: string, name: string, referenced: Set<string>): Promise<CheckedChannel> {
  const channel: CheckedChannel = { name, files: [], problems: [] };
  let parsed: unknown;
  try {
    parsed = load(await readFile(path.join(root, name), 'utf8'));
  } catch (error) {
    channel.problems.push(`not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    return channel;
  }
  const info = updateInfoSchema.safeParse(parsed);
  if (!info.success) {
    for (const issue of info.error.issues)
      channel.problems.push(`${issue.path.join('.') || '(file)'}: ${issue.message}`);
    return channel;
  }
  channel.version = info.data.version;
  channel.releaseDate = new Date(info.data.releaseDate).toISOString();
  for (const entry of info.data.files) {
    referenced.add(entry.url);
    channel.files.push(await checkListedFile(root, entry.url, entry.size, entry.sha512));
  }
  // Old electron-updater versions read only the top-level path/sha512.
  if (info.data.path !== undefined) {
    const listed = info.data.files.find((f) => f.url === info.data.path);
    if (!listed) channel.problems.push(`path: ${info.data.path} is not one of the files`);
    else if (info.data.sha512 !== undefined && info.data.sha512 !== listed.sha512)
      channel.problems.push(`sha512: differs from the sha512 of ${listed.url} in files`);
  }
  return channel;
}

async function checkListedFile(
  root: string,
  url: string,
  size: number,
  sha512: string,
): Promise<CheckedFile> {
  const result = (problem?: string, actualSize = size): CheckedFile =>
    problem ? { name: url, size: actualSize, ok: false, problem } : { name: url, size: actualSize, ok: true };
  if (!updateFileContentType(url))
    return result('the server does not serve this name (plain file name ending .exe, .AppImage or .deb)');
  const info = await stat(path.join(root, url)).catch(() => null);
  if (!info?.isFile()) return result('missing from the folder');
  if (info.size !== size)
    return result(`size ${info.size} bytes in the folder, ${size} in the .yml`, info.size);
  if ((await sha512Of(path.join(root, url))) !== sha512)
    return result('sha512 differs: the file is not the one the .yml was made for (damaged or replaced)');
  const blockMap = await readFile(path.join(root, `${url}.blockmap`)).catch(() => null);
  if (blockMap) {
    const problem = blockMapProblem(blockMap, size);
    if (problem) return result(`${url}.blockmap ${problem}`);
  }
  return result();
}

/** Checks every *.yml of the updates folder against the files it names. */
export async function checkUpdatesFolder(dir: string): Promise<UpdatesReport> {
  const root = path.resolve(dir);
  const report: UpdatesReport = { dir: root, channels: [], warnings: [], problemCount: 0 };
  const entries = await readdir(root, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
  const referenced = new Set<string>();
  for (const name of names.filter((n) => n.toLowerCase().endsWith('.yml'))) {
    const channel = await checkChannel(root, name, referenced);
    if (!updateFileContentType(name)) channel.problems.push('the server does not serve this name');
    report.channels.push(channel);
  }
  for (const name of names) {
    if (name.toLowerCase().endsWith('.yml')) continue;
    if (!updateFileContentType(name)) report.warnings.push(`${name}: not served (not an update file type)`);
    // Blockmaps of earlier versions are meant to stay: electron-updater compares old and new.
    else if (!name.toLowerCase().endsWith('.blockmap') && !referenced.has(name))
      report.warnings.push(`${name}: no .yml names it`);
  }
  for (const channel of report.channels)
    for (const file of channel.files) {
      if (!file.ok || !file.name.toLowerCase().endsWith('.exe') || !channel.version) continue;
      if (!names.includes(`${file.name}.blockmap`)) {
        report.warnings.push(`${file.name}.blockmap: missing, PCs will download the whole installer`);
        continue;
      }
      // electron-updater finds the running version's blockmap by swapping the version in the name.
      const [before, ...after] = `${file.name}.blockmap`.split(channel.version);
      const older = names.filter(
        (n) =>
          n !== `${file.name}.blockmap` &&
          after.length > 0 &&
          n.startsWith(before!) &&
          n.endsWith(after.join(channel.version)),
      );
      if (older.length === 0)
        report.warnings.push(
          `${file.name}: no .blockmap of an earlier version next to it; keep the blockmap of the version PCs run for small downloads`,
        );
    }
  report.problemCount =
    report.channels.length === 0
      ? 1
      : report.channels.reduce((n, c) => n + c.problems.length + c.files.filter((f) => !f.ok).length, 0);
  return report;
}

const formatBytes = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** The report as printed by `tsx server/cli.ts check-updates`. */
export function formatUpdatesReport(report: UpdatesReport): string {
  const lines = [`updates folder: ${report.dir}`];
  if (report.channels.length === 0) lines.push('PROBLEM  no update metadata (*.yml) in the folder');
  for (const channel of report.channels) {
    lines.push(
      '',
      `${channel.name}${channel.version ? `  version ${channel.version}` : ''}${channel.releaseDate ? `, released ${channel.releaseDate}` : ''}`,
    );
    for (const problem of channel.problems) lines.push(`  PROBLEM  ${problem}`);
    for (const file of channel.files)
      lines.push(
        file.ok
          ? `  ok       ${file.name}  (${formatBytes(file.size)} bytes, sha512 matches)`
          : `  PROBLEM  ${file.name}: ${file.problem}`,
      );
  }
  if (report.warnings.length > 0) lines.push('', ...report.warnings.map((w) => `note     ${w}`));
  lines.push(
    '',
    report.problemCount === 0
      ? 'all update files check out'
      : `${report.problemCount} problem${report.problemCount === 1 ? '' : 's'}: PCs will refuse or fail these updates`,
  );
  return lines.join('\n');
}
