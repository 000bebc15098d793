import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrintJobs, createAppProtocolHandler, mimeTypeFor, resolveAppRequest } from './protocol';

let base: string;
let root: string;

beforeAll(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-protocol-'));
  root = path.join(base, 'renderer');
  await fs.mkdir(path.join(root, 'assets'), { recursive: true });
  await fs.writeFile(path.join(root, 'index.html'), '<!doctype html><title>Một cửa</title>');
  await fs.writeFile(path.join(root, 'assets', 'main-abc.js'), 'console.log(1)');
  await fs.writeFile(path.join(base, 'secret.txt'), 'userData secret');
  await fs.symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});
afterAll(async () => {
  await fs.rm(base, { recursive: true, force: true });
});

describe('resolveAppRequest', () => {
  it.each([
    ['app://motcua/', 'index.html'],
    ['app://motcua/index.html', 'index.html'],
    ['app://motcua/assets/main-abc.js?v=1#x', 'assets/main-abc.js'],
    ['app://motcua/dossiers/123', 'index.html'],
    ['app://motcua/assets/t%C3%AAn.png', 'assets/tên.png'],
  ])('%s → %s', (url, relative) => {
    expect(resolveAppRequest(url, root)).toEqual({ kind: 'file', filePath: path.join(root, relative) });
  });

  it.each([
    'app://motcua/../secret.txt',
    'app://motcua/assets/..%2f..%2fsecret.txt',
    'app://motcua/assets/%2e%2e/%2e%2e/secret.txt',
    'app://motcua/assets/..%5c..%5csecret.txt',
    'app://motcua/assets/a%00.js',
    'app://motcua/C:/Windows/win.ini',
    'app://motcua/%E0%A4%A',
    'app://other/index.html',
    'https://motcua/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    const result = resolveAppRequest(url, root);
    // The URL parser itself removes plain `..`, which then stays inside the root.
    if (result.kind === 'file') expect(result.filePath.startsWith(root + path.sep)).toBe(true);
    else expect(result.kind).toBe('forbidden');
  });

  it('routes print jobs by id only', () => {
    const id = '2c1b7f0e-8d4e-4c59-9a51-5d3f1c9e7a10';
    expect(resolveAppRequest(`app://motcua/__print/${id}.html`, root)).toEqual({ kind: 'print', jobId: id });
    expect(resolveAppRequest('app://motcua/__print/../index.html', root).kind).toBe('file');
    expect(resolveAppRequest('app://motcua/__print/abc', root)).toEqual({ kind: 'not-found' });
  });

  it.each([
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.WASM', 'application/wasm'],
    ['a.unknown', 'application/octet-stream'],
  ])('mimeTypeFor(%s)', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });
});

describe('app:// handler', () => {
  const jobs = new PrintJobs();
  const handler = () =>
    createAppProtocolHandler({
      rootDir: root,
      printJobs: jobs,
      serverUrl: () => 'https://motcua.thaibinh.gov.vn',
    });

  it('serves index.html with the CSP naming the provisioned server', async () => {
    const response = await handler()(new Request('app://motcua/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Một cửa');
    expect(response.headers.get('content-security-policy')).toContain(
      "connect-src 'self' https://motcua.thaibinh.gov.vn wss://motcua.thaibinh.gov.vn",
    );
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('serves assets with their type and nosniff', async () => {
    const response = await handler()(new Request('app://motcua/assets/main-abc.js'));
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a symlink that leads out of the bundle, traversal and writes', async () => {
    expect((await handler()(new Request('app://motcua/assets/link.txt'))).status).toBe(403);
    expect((await handler()(new Request('app://motcua/assets/..%2f..%2fsecret.txt'))).status).toBe(403);
    expect((await handler()(new Request('app://motcua/missing.js'))).status).toBe(404);
    expect(
      (await handler()(new Request('app://motcua/index.html', { method: 'POST', body: 'x' }))).status,
    ).toBe(405);
  });

  it('serves a print job once, with a script-free CSP', async () => {
    const id = jobs.add('<html><body>Phiếu</body></html>');
    const first = await handler()(new Request(`app://motcua/__print/${id}.html`));
    expect(await first.text()).toContain('Phiếu');
    expect(first.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(first.headers.get('content-security-policy')).not.toContain('script-src');
    expect((await handler()(new Request(`app://motcua/__print/${id}.html`))).status).toBe(404);
    expect(jobs.size).toBe(0);
  });
});
