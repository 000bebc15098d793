import path from 'node:path';

/** What the feed serves, by extension, with the content type sent. */
const CONTENT_TYPES: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.exe': 'application/vnd.microsoft.portable-executable',
  '.appimage': 'application/vnd.appimage',
  '.deb': 'application/vnd.debian.binary-package',
  // gzip'd JSON that electron-updater inflates itself: opaque bytes on the wire.
  '.blockmap': 'application/octet-stream',
};

/** Plain names only (electron-builder's artifact names): no folders, no dot files, no escapes. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/;

/** The content type the feed serves `name` with, or null when the feed does not serve that name. */
export function updateFileContentType(name: string): string | null {
  if (!FILE_NAME.test(name) || name.includes('..')) return null;
  return CONTENT_TYPES[path.extname(name).toLowerCase()] ?? null;
}
