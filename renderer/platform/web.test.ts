import { afterAll, describe, expect, it, vi } from 'vitest';
import { createWebPlatform } from './web';

// The unit tests run in Node: the web platform only reads the browser's platform and language.
vi.stubGlobal('navigator', { platform: 'web', language: 'vi' });
afterAll(() => vi.unstubAllGlobals());

describe('web platform: no scanner folder', () => {
  it('watches nothing, so the scan card offers nothing, and reads no file by name', async () => {
    const web = createWebPlatform();
    expect(await web.scanFolderOffers({ seen: 0 })).toEqual({ watching: false, version: 0, files: [] });
    await expect(web.scanFolderTake({ name: 'scan.pdf' })).rejects.toThrow();
  });
});
