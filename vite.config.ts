import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The renderer: the same bundle runs in Electron (app://) and in a plain browser (web mode). */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    target: 'es2023',
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
