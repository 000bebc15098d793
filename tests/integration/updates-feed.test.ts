// The update feed on the real provincial server (Fastify + embedded PostgreSQL): enrolled devices
// download electron-builder's metadata and installers (with byte ranges, as electron-updater's
// differential download asks), nothing else leaves the folder. check-updates is in updates-check.test.ts.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { URL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { buildBlockMap } from 'app-builder-lib/out/targets/blockmap/blockmap';
import { CancellationToken, HttpExecutor, type UpdateInfo } from 'builder-util-runtime';
import { GenericDifferentialDownloader } from 'electron-updater/out/differentialDownloader/GenericDifferentialDownloader';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateFeedUrl } from '../../shared/provisioning/schema';
import { checkUpdatesFolder } from '../../server/updates/check';
import { multipartRanges } from '../../server/updates/routes';
import { enrol, OFFICE_A, type SeededServer, startSeededServer } from './harness';
import { channelYaml, sha512 } from '../support/update-metadata';

/** A raw HTTP request: the path goes out exactly as written (fetch would normalise `..`). */
function raw(
  url: string,
  requestPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: requestPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** electron-updater's HTTP layer outside Electron (the app uses Electron's net with the same API). */
class NodeExecutor extends HttpExecutor<ClientRequest> {
  received = 0;
  requests: string[] = [];
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    const headers = (options.headers ?? {}) as Record<string, unknown>;
    this.requests.push(String(headers['Range'] ?? headers['range'] ?? options.path));
    // No keep-alive: builder-util-runtime adds a timeout listener per request to the socket.
    return http.request({ ...options, agent: false }, (res) => {
      res.on('data', (c: Buffer) => (this.received += c.length));
      callback(res);
    });
  }
}

const quietLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** electron-updater's GenericProvider for the feed, the way the app configures it (electron/updates.ts). */
function feedProvider(executor: NodeExecutor, token: string | null, multipleRanges = true): GenericProvider {
  type Args = ConstructorParameters<typeof GenericProvider>;
  const provider = new GenericProvider(
    { provider: 'generic', url: updateFeedUrl(server.url) },
    // The AppUpdater fields GenericProvider reads.
    { channel: null, isAddNoCacheQuery: false } as unknown as Args[1],
    {
      // Electron's net executor in the app; the same HttpExecutor API over Node's http here.
      executor: executor as unknown as Args[2]['executor'],
      platform: 'win32',
      isUseMultipleRangeRequest: multipleRanges,
    },
  );
  if (token) provider.setRequestHeaders(auth(token));
  return provider;
}

let server: SeededServer;
let work: string;
let dir: string;
let counterToken: string;
let provinceToken: string;
let revokedToken: string;
const previousUpdatesDir = process.env.UPDATES_DIR;

const installer = randomBytes(300_000);
const yml = channelYaml('0.2.0', [{ name: 'motcua-setup-0.2.0.exe', bytes: installer }]);

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'motcua-updates-'));
  // The folder does not exist yet: the server creates it at start, from UPDATES_DIR as in production.
  dir = path.join(work, 'updates');
  process.env.UPDATES_DIR = dir;
  writeFileSync(path.join(work, 'secret.yml'), 'database password: hunter2\n');
  server = await startSeededServer();
  mkdirSync(path.join(dir, 'sub'));
  writeFileSync(path.join(dir, 'sub', 'motcua-setup-9.9.9.exe'), 'hidden');
  writeFileSync(path.join(dir, '.hidden.yml'), 'version: 9.9.9\n');
  writeFileSync(path.join(dir, 'notes.txt'), 'IT notes, not for PCs');
  writeFileSync(path.join(dir, 'motcua-setup-0.2.0.exe'), installer);
  writeFileSync(path.join(dir, 'latest.yml'), yml);
  counterToken = (await enrol(server, OFFICE_A, 'a1')).token;
  provinceToken = (await enrol(server, OFFICE_A, 'p1', 'province')).token;
  const revoked = await enrol(server, OFFICE_A, 'a2');
  revokedToken = revoked.token;
  await server.store.devices.revokeDevice(revoked.deviceId);
}, 180_000);

afterAll(async () => {
  await server?.close();
  if (previousUpdatesDir === undefined) delete process.env.UPDATES_DIR;
  else process.env.UPDATES_DIR = previousUpdatesDir;
  rmSync(work, { recursive: true, force: true });
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('serving the feed', () => {
  it('gives an enrolled counter, and the province, latest.yml as YAML with validators', async () => {
    for (const token of [counterToken, provinceToken]) {
      const res = await raw(server.url, '/updates/latest.yml', { ...auth(token), 'accept-encoding': 'gzip' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/yaml; charset=utf-8');
      expect(res.body.toString('utf8')).toBe(yml);
      expect(res.headers.etag).toBeTruthy();
      expect(res.headers['last-modified']).toBeTruthy();
      expect(res.headers['cache-control']).toBe('private, no-cache');
    }
  });

  it('serves the installer whole, uncompressed, with its type and size', async () => {
    const res = await raw(server.url, '/updates/motcua-setup-0.2.0.exe', {
      ...auth(counterToken),
      'accept-encoding': 'gzip, deflate, br',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('application/vnd.microsoft.portable-executable');
    expect(res.headers['content-length']).toBe(String(installer.length));
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.body.equals(installer)).toBe(true);
    const head = await raw(server.url, '/updates/motcua-setup-0.2.0.exe', auth(counterToken), 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(installer.length));
    expect(head.body.length).toBe(0);
  });

  it.each([
    ['motcua-setup-0.2.0.exe.blockmap', 'application/octet-stream'],
    ['motcua-0.2.0-linux-x86_64.AppImage', 'application/vnd.appimage'],
    ['motcua-0.2.0-linux-amd64.deb', 'application/vnd.debian.binary-package'],
  ])('serves %s as %s, never gzipped on the fly', async (name, type) => {
    // Highly compressible, so on-the-fly gzip would show.
    const bytes = Buffer.alloc(20_000, name);
    writeFileSync(path.join(dir, name), bytes);
    const res = await raw(server.url, `/updates/${name}`, {
      ...auth(counterToken),
      'accept-encoding': 'gzip',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.equals(bytes)).toBe(true);
  });

  it('answers byte ranges with 206 and the exact bytes, 416 when unsatisfiable', async () => {
    const size = installer.length;
    const cases: [string, number, number][] = [
      ['bytes=1000-1999', 1000, 1999],
      ['bytes=0-0', 0, 0],
      [`bytes=${size - 100}-`, size - 100, size - 1],
      ['bytes=-100', size - 100, size - 1],
      [`bytes=299000-${size + 5000}`, 299_000, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await raw(server.url, '/updates/motcua-setup-0.2.0.exe', {
        ...auth(counterToken),
        range,
        'accept-encoding': 'gzip',
      });
      expect(res.status, range).toBe(206);
      expect(res.headers['content-range'], range).toBe(`bytes ${start}-${end}/${size}`);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.equals(installer.subarray(start, end + 1)), range).toBe(true);
    }
    const bad = await raw(server.url, '/updates/motcua-setup-0.2.0.exe', {
      ...auth(counterToken),
      range: `bytes=${size}-${size + 10}`,
    });
    expect(bad.status).toBe(416);
    expect(bad.headers['content-range']).toBe(`bytes */${size}`);
    expect(JSON.parse(bad.body.toString('utf8'))).toMatchObject({ error: 'bad_request' });
  });

  it('answers several ranges with multipart/byteranges, parts in the order asked', async () => {
    const res = await raw(server.url, '/updates/motcua-setup-0.2.0.exe', {
      ...auth(counterToken),
      range: 'bytes=10-19, 5000-5999, 299990-',
    });
    expect(res.status).toBe(206);
    const boundary = /^multipart\/byteranges; boundary=(\S+)$/.exec(res.headers['content-type'] ?? '')?.[1];
    expect(boundary).toBeTruthy();
    expect(res.headers['content-length']).toBe(String(res.body.length));
    const text = res.body.toString('latin1');
    const parts = text.split(`--${boundary}`).slice(1, -1);
    expect(parts).toHaveLength(3);
    const expected = [
      [10, 19],
      [5000, 5999],
      [299_990, 299_999],
    ] as const;
    parts.forEach((part, i) => {
      const [start, end] = expected[i]!;
      const [head, body] = [
        part.slice(0, part.indexOf('\r\n\r\n')),
        part.slice(part.indexOf('\r\n\r\n') + 4),
      ];
      expect(head).toContain(`Content-Range: bytes ${start}-${end}/${installer.length}`);
      expect(
        Buffer.from(body.replace(/\r\n$/, ''), 'latin1').equals(installer.subarray(start, end + 1)),
      ).toBe(true);
    });
    expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true);
  });

  it("answers electron-updater's largest request, 1000 ranges in one header, with 1000 parts", async () => {
    // 1000 ranges of a real installer (offsets of 8-9 digits) make a ~19 KB header: above Node's
    // default limit the server would answer 431. This installer is small, so spaces pad it to that.
    const header = `bytes=${Array.from({ length: 1000 }, (_, i) => `${i * 299}-${i * 299 + 9}`).join(',        ')}`;
    expect(header.length).toBeGreaterThan(16 * 1024);
    const res = await raw(server.url, '/updates/motcua-setup-0.2.0.exe', {
      ...auth(counterToken),
      range: header,
    });
    expect(res.status).toBe(206);
    const boundary = /boundary=(\S+)$/.exec(res.headers['content-type'] ?? '')?.[1];
    expect(res.body.toString('latin1').split(`--${boundary}`).slice(1, -1)).toHaveLength(1000);
  });

  it('revalidates: the same ETag gives 304 without the body', async () => {
    const first = await raw(server.url, '/updates/latest.yml', auth(counterToken));
    const again = await raw(server.url, '/updates/latest.yml', {
      ...auth(counterToken),
      'if-none-match': String(first.headers.etag),
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // Other refusals of @fastify/send reach the app's JSON errors too.
    const precondition = await raw(server.url, '/updates/latest.yml', {
      ...auth(counterToken),
      'if-match': '"another-version"',
    });
    expect(precondition.status).toBe(412);
    expect(JSON.parse(precondition.body.toString('utf8'))).toMatchObject({ error: 'bad_request' });
  });

  it('refuses requests without an enrolled, active device', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['no token', {}, 'unauthenticated'],
      ['unknown token', auth('not-a-device-token'), 'unauthenticated'],
      ['revoked device', auth(revokedToken), 'revoked'],
    ];
    for (const [label, headers, error] of cases) {
      for (const file of ['latest.yml', 'motcua-setup-0.2.0.exe', 'missing.yml']) {
        const res = await raw(server.url, `/updates/${file}`, { ...headers, range: 'bytes=0-99' });
        expect(res.status, `${label} ${file}`).toBe(401);
        expect(JSON.parse(res.body.toString('utf8')), label).toMatchObject({ error });
      }
    }
  });

  it('answers a missing file with a 404 JSON error like the other routes', async () => {
    const res = await raw(server.url, '/updates/motcua-setup-0.3.0.exe', auth(counterToken));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({
      error: 'not_found',
      message: 'no such update file',
    });
  });

  it('never serves anything outside the folder, listings, dot files or other file types', async () => {
    const absolute = encodeURIComponent(path.join(work, 'secret.yml'));
    const paths = [
      '/updates/../secret.yml',
      '/updates/..%2fsecret.yml',
      '/updates/..%2Fsecret.yml',
      '/updates/%2e%2e%2fsecret.yml',
      '/updates/%2E%2E/secret.yml',
      '/updates/..%5csecret.yml',
      '/updates/..\\secret.yml',
      '/updates/%252e%252e%252fsecret.yml',
      `/updates/${absolute}`,
      `/updates//${path.join(work, 'secret.yml').slice(1)}`,
      '/updates/sub/motcua-setup-9.9.9.exe',
      '/updates/sub%2fmotcua-setup-9.9.9.exe',
      '/updates/./latest.yml/..%2f..%2fsecret.yml',
      '/updates/.hidden.yml',
      '/updates/notes.txt',
      '/updates/',
      '/updates/sub',
      '/updates/latest.yml%00.exe',
    ];
    for (const p of paths) {
      const res = await raw(server.url, p, auth(counterToken));
      expect([400, 403, 404], p).toContain(res.status);
      const body = res.body.toString('utf8');
      expect(body, p).not.toContain('hunter2');
      expect(body, p).not.toContain('hidden');
      expect(body, p).not.toContain('IT notes');
      expect(body, p).not.toContain('latest.yml');
    }
  });
});

describe('multipartRanges', () => {
  it.each([
    ['bytes=0-9', null],
    [
      'bytes=0-9,20-29',
      [
        { start: 0, end: 9 },
        { start: 20, end: 29 },
      ],
    ],
    [
      'bytes=0-9, 20-',
      [
        { start: 0, end: 9 },
        { start: 20, end: 99 },
      ],
    ],
    ['bytes=0-9,5-29', null], // overlapping: not merged behind the client's back, sent whole
    ['bytes=20-29,0-9', null], // unsorted
    ['bytes=0-9,-5', null], // suffix ranges only alone
    ['bytes=0-9,200-300', null], // a part past the end
    ['items=0-9,20-29', null],
    [undefined, null],
  ])('%s', (header, expected) => {
    expect(multipartRanges(header, 100)).toEqual(expected);
  });
  it("past electron-updater's 1000 parts per request, the whole file instead", () => {
    const ranges = (n: number) => `bytes=${Array.from({ length: n }, (_, i) => `${i}-${i}`).join(',')}`;
    expect(multipartRanges(ranges(1000), 5000)).toHaveLength(1000);
    expect(multipartRanges(ranges(1001), 5000)).toBeNull();
  });
});

describe("electron-updater's own client against the feed", () => {
  it('GenericProvider reads latest.yml at updateFeedUrl and resolves the installer on this server', async () => {
    const executor = new NodeExecutor();
    const provider = feedProvider(executor, counterToken);
    const info: UpdateInfo = await provider.getLatestVersion();
    expect(info.version).toBe('0.2.0');
    expect(info.files[0]).toMatchObject({ url: 'motcua-setup-0.2.0.exe', size: installer.length });
    const [file] = provider.resolveFiles(info);
    expect(file!.url.href).toBe(`${server.url}/updates/motcua-setup-0.2.0.exe`);
    const downloaded = await executor.downloadToBuffer(file!.url, {
      headers: auth(counterToken),
      cancellationToken: new CancellationToken(),
    });
    expect(sha512(downloaded)).toBe(info.files[0]!.sha512);

    // Without the device token the provider gets the server's refusal.
    const anonymous = feedProvider(executor, null);
    await expect(anonymous.getLatestVersion()).rejects.toThrow(/401/);
  });

  it.each([true, false])(
    'differential download (multiple ranges per request: %s) rebuilds the new installer from the old one',
    async (multiple) => {
      // Two versions sharing most bytes, as consecutive builds do; blockmaps by electron-builder's code.
      const feed = path.join(work, `diff-${multiple}`);
      mkdirSync(feed);
      const oldBytes = randomBytes(4_000_000);
      const newBytes = Buffer.concat([
        oldBytes.subarray(0, 300_000),
        randomBytes(20_000),
        oldBytes.subarray(320_000, 1_500_000),
        randomBytes(15_000),
        oldBytes.subarray(1_500_000),
      ]);
      const oldName = 'motcua-setup-0.2.0.exe';
      const newName = 'motcua-setup-0.3.0.exe';
      await writeFile(path.join(feed, oldName), oldBytes);
      await writeFile(path.join(feed, newName), newBytes);
      await buildBlockMap(path.join(feed, oldName), 'gzip', path.join(feed, `${oldName}.blockmap`));
      const newInfo = await buildBlockMap(
        path.join(feed, newName),
        'gzip',
        path.join(feed, `${newName}.blockmap`),
      );
      await writeFile(
        path.join(feed, 'latest.yml'),
        channelYaml('0.3.0', [{ name: newName, bytes: newBytes }]),
      );
      expect((await checkUpdatesFolder(feed)).problemCount).toBe(0);
      for (const name of [oldName, newName, `${oldName}.blockmap`, `${newName}.blockmap`, 'latest.yml'])
        await copyFile(path.join(feed, name), path.join(dir, name));

      const executor = new NodeExecutor();
      const provider = feedProvider(executor, counterToken, multiple);
      const info = await provider.getLatestVersion();
      const [file] = provider.resolveFiles(info);
      const [oldMapUrl, newMapUrl] = await provider.getBlockMapFiles(file!.url, '0.2.0', info.version);
      const blockMap = async (url: URL) =>
        JSON.parse(
          gunzipSync(
            await executor.downloadToBuffer(url, {
              headers: auth(counterToken),
              cancellationToken: new CancellationToken(),
            }),
          ).toString(),
        );
      const [oldMap, newMap] = [await blockMap(oldMapUrl!), await blockMap(newMapUrl!)];
      const oldFile = path.join(feed, 'cached-old.exe');
      await copyFile(path.join(feed, oldName), oldFile);
      const rebuilt = path.join(feed, 'rebuilt.exe');
      executor.received = 0;
      executor.requests = [];
      await new GenericDifferentialDownloader({ ...file!.info, size: newInfo.size }, executor, {
        newUrl: file!.url,
        oldFile,
        newFile: rebuilt,
        logger: quietLogger,
        requestHeaders: auth(counterToken),
        isUseMultipleRangeRequest: multiple,
        cancellationToken: new CancellationToken(),
      }).download(oldMap, newMap);
      expect((await readFile(rebuilt)).equals(newBytes)).toBe(true);
      // Only the changed blocks travel.
      expect(executor.received).toBeLessThan(newBytes.length / 10);
      if (multiple) expect(executor.requests.some((r) => r.includes(','))).toBe(true);
      else expect(executor.requests.every((r) => !r.includes(','))).toBe(true);
    },
  );
});
