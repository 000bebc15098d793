// What `app://motcua/...` serves: the built renderer (dist/renderer) and, under /__print/, forms
// handed over for printing. Resolution is a pure function so path traversal is tested without
// Electron; main.ts wraps it in protocol.handle.
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  APP_HOST,
  APP_SCHEME,
  contentSecurityPolicy,
  printDocumentCsp,
  responseSecurityHeaders,
} from './security/policy';

export const PRINT_PREFIX = '/__print/';

export type AppRequest =
  | { kind: 'file'; filePath: string }
  | { kind: 'print'; jobId: string }
  | { kind: 'not-found' }
  | { kind: 'forbidden' };

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request URL to a file under `rootDir`. Anything that could step outside the root
 * (`..`, encoded slashes or backslashes, NUL, drive letters, another host) is refused. A path
 * without an extension is a client-side route and gets index.html.
 */
export function resolveAppRequest(url: string, rootDir: string): AppRequest {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'forbidden' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { kind: 'forbidden' };
  const rawPath = parsed.pathname;
  // Encoded separators and dot segments are never legitimate in our bundle's URLs.
  if (/%2f|%5c|%00|%2e/i.test(rawPath) || rawPath.includes('\\')) return { kind: 'forbidden' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'forbidden' };
  }
  if (decoded.includes('\0')) return { kind: 'forbidden' };
  if (decoded.startsWith(PRINT_PREFIX)) {
    const jobId = decoded.slice(PRINT_PREFIX.length).replace(/\.html$/, '');
    return /^[a-f0-9-]{36}$/.test(jobId) ? { kind: 'print', jobId } : { kind: 'not-found' };
  }
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.' || /^[A-Za-z]:/.test(segment))) {
    return { kind: 'forbidden' };
  }
  const root = path.resolve(rootDir);
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const hasExtension = path.extname(segments.at(-1) ?? '') !== '';
  const filePath = path.resolve(root, hasExtension ? relative : 'index.html');
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return { kind: 'forbidden' };
  return { kind: 'file', filePath };
}

/** Forms waiting to be printed, served once each to the hidden print window. */
export class PrintJobs {
  private readonly jobs = new Map<string, string>();
  add(html: string): string {
    const id = crypto.randomUUID();
    this.jobs.set(id, html);
    return id;
  }
  take(id: string): string | undefined {
    const html = this.jobs.get(id);
    this.jobs.delete(id);
    return html;
  }
  get size(): number {
    return this.jobs.size;
  }
}

/**
 * The app:// request handler, as a function from Request to Response (what protocol.handle wants).
 * `serverUrl` feeds the CSP's connect-src; a symlink leading out of the root is refused too.
 */
export function createAppProtocolHandler(options: {
  rootDir: string;
  printJobs: PrintJobs;
  serverUrl: () => string | undefined;
}): (request: Request) => Promise<Response> {
  const root = path.resolve(options.rootDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405 });
    }
    const target = resolveAppRequest(request.url, root);
    if (target.kind === 'forbidden') return new Response('Forbidden', { status: 403 });
    if (target.kind === 'not-found') return new Response('Not found', { status: 404 });
    if (target.kind === 'print') {
      const html = options.printJobs.take(target.jobId);
      if (html === undefined) return new Response('Not found', { status: 404 });
      return new Response(html, {
        status: 200,
        headers: {
          'Content-Type': 'text/html; charset=utf-8',
          ...responseSecurityHeaders(printDocumentCsp()),
        },
      });
    }
    try {
      const real = await fs.realpath(target.filePath);
      const realRoot = await fs.realpath(root);
      if (real !== realRoot && !real.startsWith(realRoot + path.sep))
        return new Response('Forbidden', { status: 403 });
      const body = await fs.readFile(real);
      const headers: Record<string, string> = {
        'Content-Type': mimeTypeFor(real),
        'Cache-Control': 'no-cache',
      };
      if (real.endsWith('.html'))
        Object.assign(
          headers,
          responseSecurityHeaders(contentSecurityPolicy({ serverUrl: options.serverUrl() })),
        );
      else headers['X-Content-Type-Options'] = 'nosniff';
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };
}
