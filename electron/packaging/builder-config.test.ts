// The packaging configuration, checked against electron-builder's own JSON schema (the one its CLI
// validates with) and for the security-relevant choices that a schema cannot express.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import config from '../../electron-builder.config';

const require = createRequire(import.meta.url);
const schemePath = path.join(path.dirname(require.resolve('app-builder-lib/package.json')), 'scheme.json');
const scheme = JSON.parse(readFileSync(schemePath, 'utf8')) as object;
// The same options as electron-builder's schemaValidator.js.
const validate = new Ajv({ allErrors: true, strict: false }).compile(scheme);

describe('electron-builder configuration', () => {
  it('matches electron-builder’s schema', () => {
    const valid = validate(JSON.parse(JSON.stringify(config)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is accepted by electron-builder’s own validateConfiguration', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it.each([
    ['a misspelt option', { ...config, nsis: { ...config.nsis, perMachin: true } }],
    ['a wrong type', { ...config, asar: 'yes' }],
    ['an unknown fuse', { ...config, electronFuses: { ...config.electronFuses, runAsRoot: false } }],
  ])('the schema check catches %s', (_label, broken) => {
    expect(validate(JSON.parse(JSON.stringify(broken)))).toBe(false);
  });

  it('sets the Electron fuses that close the usual doors', () => {
    const fuses: Record<string, unknown> = { ...config.electronFuses };
    // Node's ways in (run as Node, NODE_OPTIONS, --inspect) are off; cookies and the asar are sealed.
    for (const off of ['runAsNode', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments'])
      expect(fuses[off], off).toBe(false);
    for (const on of [
      'enableCookieEncryption',
      'enableEmbeddedAsarIntegrityValidation',
      'onlyLoadAppFromAsar',
    ])
      expect(fuses[on], on).toBe(true);
    expect(config.asar).toBe(true);
  });

  it('installs per machine on Windows, AppImage and deb on Linux, versioned artifacts', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, allowElevation: true });
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.artifactName).toContain('${version}');
    expect(config.nsis?.artifactName).toContain('${version}');
    expect(config.publish).toEqual([expect.objectContaining({ provider: 'generic' })]);
  });

  it('packages the bundles only, and the resources it names exist', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', '!node_modules/**/*']));
    expect(config.extraMetadata).toEqual({ main: 'dist/electron/main.js' });
    const root = path.resolve(import.meta.dirname, '..', '..');
    for (const resource of [
      config.win?.icon,
      config.nsis?.include,
      `${String(config.linux?.icon)}/512x512.png`,
    ]) {
      expect(() => readFileSync(path.join(root, String(resource)))).not.toThrow();
    }
    const icon = readFileSync(path.join(root, 'build/icon.png'));
    // PNG signature and at least 256×256 (electron-builder needs that for the Windows .ico).
    expect(icon.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(256);
  });
});
