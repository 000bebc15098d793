import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import react from '@vitejs/plugin-react';

/** The two pages of the build: the counter app, and the admin console the provincial server serves at /console/. */
const COUNTER_PAGE = fileURLToPath(new URL('./renderer/index.html', import.meta.url));
const CONSOLE_PAGE = fileURLToPath(new URL('./renderer/console/index.html', import.meta.url));

/** The files `entry` loads: its chunk, the chunks it imports (also lazily) and their CSS. */
function filesOf(bundle: Rollup.OutputBundle, page: string): Set<string> {
  const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
  const entry = chunks.find((c) => c.isEntry && c.facadeModuleId === page);
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const chunk = bundle[name];
    if (chunk?.type !== 'chunk') return;
    for (const css of chunk.viteMetadata?.importedCss ?? []) seen.add(css);
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) seen.add(asset);
    for (const next of [...chunk.imports, ...chunk.dynamicImports]) visit(next);
  };
  if (entry) visit(entry.fileName);
  return seen;
}

/**
 * Lists every file of the build in offline-assets.json: web mode's service worker caches them all at
 * install, so a lazily loaded chunk (the Excel export) also works with the network down.
 */
function offlineAssetList(): Plugin {
  return {
    name: 'motcua-offline-assets',
    apply: 'build',
    generateBundle(_options, bundle) {
      // The console's own chunks are not the counter's to cache (shared ones, e.g. React, are).
      const counter = filesOf(bundle, COUNTER_PAGE);
      const consoleOnly = [...filesOf(bundle, CONSOLE_PAGE)].filter((name) => !counter.has(name));
      const files = Object.keys(bundle).filter(
        (name) => name.startsWith('assets/') && !consoleOnly.includes(name),
      );
      this.emitFile({ type: 'asset', fileName: 'offline-assets.json', source: JSON.stringify(files.sort()) });
    },
  };
}

/**
 * The renderer: the same bundle runs in Electron (app://) and in a plain browser (web mode). The
 * console is a second page of the same build (dist/renderer/console/), sharing its chunks.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), offlineAssetList()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    target: 'es2023',
    rolldownOptions: { input: { main: COUNTER_PAGE, console: CONSOLE_PAGE } },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
