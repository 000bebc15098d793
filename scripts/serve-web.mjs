// Builds the renderer and serves it statically (web mode), as the end-to-end tests and `npm run web` use it.
import { build, preview } from 'vite';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 4173;
if (!process.argv.includes('--no-build')) await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
const server = await preview({
  configFile: 'vite.config.ts',
  preview: { host: '127.0.0.1', port, strictPort: true },
});
server.printUrls();
