/** electron-builder's update metadata, as the update-feed tests write it into a folder. */
import { createHash } from 'node:crypto';

export const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');

/** electron-builder's channel file for the given installers, as `npm run dist` writes it. */
export function channelYaml(version: string, files: { name: string; bytes: Buffer }[]): string {
  const [first] = files;
  return [
    `version: ${version}`,
    'files:',
    ...files.flatMap((f) => [
      `  - url: ${f.name}`,
      `    sha512: ${sha512(f.bytes)}`,
      `    size: ${f.bytes.length}`,
    ]),
    `path: ${first!.name}`,
    `sha512: ${sha512(first!.bytes)}`,
    `releaseDate: '2026-11-20T08:00:00.000Z'`,
    '',
  ].join('\n');
}
