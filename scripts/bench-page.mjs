// A benchmark page in real Chromium: built with vite in production mode (no RxDB dev-mode) and
// served from the benchmark's own process. Used by bench:local (scripts/bench-local.mjs) and by
// bench:sync's counter on IndexedDB (tests/bench/chromium-counter.ts).
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { build } from 'vite';

export { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
};

/**
 * Builds the page whose index.html is in `root` into a fresh temporary folder; answers the folder.
 * `sourcemap`: with source maps beside the bundle (a CPU profile maps its frames back to sources).
 */
export async function buildBenchPage(root, prefix, { sourcemap = false } = {}) {
  const outDir = mkdtempSync(join(tmpdir(), prefix));
  await build({
    root: resolve(root),
    base: './',
    mode: 'production',
    logLevel: 'warn',
    configFile: false,
    // One Dexie: the copy RxDB's storage bundles, where it has its own (two copies refuse to share
    // IndexedDB, and bench:local's baseline must use the very one RxDB uses).
    resolve: existsSync('node_modules/rxdb/node_modules/dexie')
      ? { alias: { dexie: resolve('node_modules/rxdb/node_modules/dexie') } }
      : {},
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2023',
      chunkSizeWarningLimit: 8000,
      minify: true,
      sourcemap,
    },
  });
  return outDir;
}

/**
 * Serves `dir` on 127.0.0.1 (on `port`, any free one when 0); answers the page's URL and how to stop
 * serving. A kept browser profile needs the same port each run: IndexedDB belongs to the origin.
 */
export async function serveBenchPage(dir, port = 0) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}/index.html`,
    close: () => new Promise((ok) => server.close(() => ok())),
    unref: () => server.unref(),
  };
}
