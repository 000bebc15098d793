// Packaging with electron-builder: `npm run dist` (Windows NSIS, Linux AppImage + deb).
// Validated against electron-builder's own JSON schema by electron/packaging/builder-config.test.ts.
import type { Configuration } from 'electron-builder';

/**
 * The update feed baked into app-update.yml. At run time the app replaces it with the provisioned
 * server's `updates/` folder (electron/updates.ts), so this only matters for an unprovisioned PC.
 */
const updateUrl = process.env.MOTCUA_UPDATE_URL ?? 'https://motcua.invalid/updates/';

const config: Configuration = {
  appId: 'vn.gov.motcua.counter',
  productName: 'Một cửa',
  // File and folder names without diacritics: some counter PCs still run tools that mangle them.
  executableName: 'motcua',
  artifactName: 'motcua-${version}-${os}-${arch}.${ext}',
  copyright: 'Bộ phận Tiếp nhận và Trả kết quả',
  directories: { output: 'release', buildResources: 'build' },
  // Main, preload and renderer are bundled into dist/: the package needs no node_modules.
  files: ['dist/**/*', '!dist/**/*.map', 'package.json', '!node_modules/**/*'],
  extraMetadata: { main: 'dist/electron/main.js' },
  asar: true,
  npmRebuild: false,
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icon.png',
  },
  nsis: {
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Một cửa',
    // The replica and keys in %APPDATA%\motcua survive uninstall/reinstall.
    deleteAppDataOnUninstall: false,
    artifactName: 'motcua-setup-${version}.${ext}',
    // Copies motcua-provisioning.json from the installer's folder next to the installed executable.
    include: 'build/installer.nsh',
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    icon: 'build/icons',
    synopsis: 'Tiếp nhận và trả kết quả hồ sơ tại Bộ phận Một cửa',
    maintainer: 'IT Một cửa <it@motcua.invalid>',
    executableName: 'motcua',
  },
  deb: {
    // safeStorage needs a keyring to protect the database key (see build/IT-GUIDE.md).
    recommends: ['gnome-keyring | kwalletmanager'],
  },
  publish: [{ provider: 'generic', url: updateUrl, channel: 'latest' }],
};

export default config;
