/* global process, console */
// Bundles the Electron main process and preload into dist/electron with esbuild.
// - main.js: ESM (package.json has "type": "module"), every dependency inlined so the packaged app
//   needs no node_modules; CommonJS dependencies get a real `require` through createRequire.
// - preload.cjs: CommonJS, because a sandboxed preload cannot be an ES module.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  external: ['electron'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

export async function bundleElectron() {
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/main.ts')],
      outfile: path.join(root, 'dist/electron/main.js'),
      format: 'esm',
      banner: {
        js: "import { createRequire as __motcuaCreateRequire } from 'node:module'; const require = __motcuaCreateRequire(import.meta.url);",
      },
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/preload.ts')],
      outfile: path.join(root, 'dist/electron/preload.cjs'),
      format: 'cjs',
      platform: 'browser',
    }),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundleElectron();
  console.log('dist/electron/main.js and dist/electron/preload.cjs built');
}
