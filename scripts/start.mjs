// `npm start`: the desktop app when the Electron binary is present, web mode otherwise.
// `npm run web` (= --web): web mode directly — the provincial server (when server/main.ts exists,
// on embedded PostgreSQL) plus the renderer served on http://127.0.0.1:4173.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const webPort = Number(process.env.WEB_PORT ?? 4173);
const serverPort = Number(process.env.PORT ?? 8787);

/** The binary electron's own index.js would return, without throwing when it is missing. */
export function electronBinary() {
  const packageDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const binary = path.join(distDir, relative);
  return existsSync(binary) ? binary : null;
}

const children = new Set();
function run(command, commandArgs, options = {}) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}
function stopAll(signal = 'SIGTERM') {
  for (const child of children) child.kill(signal);
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll(signal);
    process.exitCode = 130;
  });
}

async function startDesktop(binary) {
  console.log('Building the renderer and the Electron shell…');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  const { bundleElectron } = await import('../build/bundle-electron.mjs');
  await bundleElectron();
  console.log(`Starting Electron (${binary})`);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const electron = run(binary, [root, ...args.filter((arg) => arg !== '--desktop')], { env });
  electron.on('exit', (code) => process.exit(code ?? 0));
}

function startWeb() {
  const serverEntry = path.join(root, 'server', 'main.ts');
  if (existsSync(serverEntry)) {
    console.log(`Starting the provincial server on http://127.0.0.1:${serverPort} (embedded PostgreSQL)…`);
    // The demo office goes onto the server too (SEED_DEMO=0 to start it empty), so the demo counter
    // can enrol with the code the server prints and sync right away.
    const seedDemo = process.env.SEED_DEMO ?? '1';
    if (seedDemo !== '0' && seedDemo !== 'false') {
      console.log(
        `Demo office on the server: in the app's sync panel enter the server address http://127.0.0.1:${serverPort} ` +
          'and the enrolment code the server prints below.',
      );
    }
    const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
    const server = run(tsx, [serverEntry], {
      env: { ...process.env, PORT: String(serverPort), SEED_DEMO: seedDemo },
    });
    server.on('exit', (code) => {
      if (code) {
        console.error(`The server stopped (exit code ${code}); stopping web mode.`);
        stopAll();
        process.exit(code);
      }
    });
  } else {
    console.log('server/main.ts not found: web mode runs without the provincial server.');
  }
  console.log(`Web mode: open http://127.0.0.1:${webPort}/ in your browser (Ctrl+C to stop).`);
  const web = run(process.execPath, [path.join(root, 'scripts', 'serve-web.mjs'), '--port', String(webPort)]);
  web.on('exit', (code) => {
    stopAll();
    process.exit(code ?? 0);
  });
}

/**
 * package.json does not let npm run electron's install script (npm ci must succeed where only the
 * npm registry is reachable), so fetch the binary here, once, when it is missing. Where the
 * download is not reachable this fails quickly and we fall back to web mode.
 */
function fetchElectronBinary() {
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return Promise.resolve(false);
  console.log('Electron binary missing: trying to download it (node node_modules/electron/install.js)…');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { cwd: path.dirname(installer), stdio: 'inherit' });
    const timer = setTimeout(() => child.kill('SIGTERM'), 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
    child.on('error', () => resolve(false));
  });
}

let binary = forceWeb ? null : electronBinary();
if (!forceWeb && !binary && !process.env.CI && (await fetchElectronBinary())) binary = electronBinary();
if (binary) {
  await startDesktop(binary);
} else {
  if (!forceWeb) {
    console.log(
      'Electron binary not available here (its download is outside the npm registry); opening web mode instead',
    );
  }
  startWeb();
}
