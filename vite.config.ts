import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Lists every file of the build in offline-assets.json: web mode's service worker caches them all at
 * install, so a lazily loaded chunk (the Excel export) also works with the network down.
 */
function offlineAssetList(): Plugin {
  return {
    name: 'motcua-offline-assets',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => name.startsWith('assets/'));
      this.emitFile({ type: 'asset', fileName: 'offline-assets.json', source: JSON.stringify(files.sort()) });
    },
  };
}

/** The renderer: the same bundle runs in Electron (app://) and in a plain browser (web mode). */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), offlineAssetList()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    target: 'es2023',
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
