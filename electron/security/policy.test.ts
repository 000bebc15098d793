import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  connectOrigins,
  contentSecurityPolicy,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
  isTrustedSender,
  mainWindowWebPreferences,
  printDocumentCsp,
  printWindowWebPreferences,
  ratingWindowWebPreferences,
  responseSecurityHeaders,
} from './policy';

describe('decideNavigation', () => {
  it.each([
    [APP_ENTRY_URL, 'allow'],
    ['app://motcua/dossiers/123?tab=events#x', 'allow'],
    ['app://other/index.html', 'deny'],
    ['app://user:pw@motcua/index.html', 'deny'],
    ['https://dichvucong.gov.vn/p/home/dvc-trang-chu.html', 'open-external'],
    ['https://DICHVUCONG.GOV.VN/', 'open-external'],
    ['https://dichvucong.gov.vn:8443/', 'deny'],
    ['https://user@dichvucong.gov.vn/', 'deny'],
    ['http://dichvucong.gov.vn/', 'deny'],
    ['https://dichvucong.gov.vn.evil.example/', 'deny'],
    ['https://evil.example/', 'deny'],
    ['file:///etc/passwd', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['data:text/html,<script>1</script>', 'deny'],
    ['chrome://settings', 'deny'],
    ['not a url', 'deny'],
    ['', 'deny'],
  ])('%s → %s', (url, expected) => {
    expect(decideNavigation(url)).toBe(expected);
  });
});

describe('decideWindowOpen', () => {
  it.each([
    [APP_ENTRY_URL, 'deny'],
    ['https://thuvienphapluat.vn/van-ban/abc', 'open-external'],
    ['https://example.com/', 'deny'],
    ['about:blank', 'deny'],
    ['smb://server/share', 'deny'],
  ])('%s → %s', (url, expected) => {
    expect(decideWindowOpen(url)).toBe(expected);
  });
});

describe('decidePermission', () => {
  it.each([
    ['clipboard-sanitized-write', 'app://motcua/index.html', true],
    ['clipboard-sanitized-write', 'https://evil.example/', false],
    ['clipboard-sanitized-write', undefined, false],
    ['media', 'app://motcua/index.html', false],
    ['geolocation', 'app://motcua/index.html', false],
    ['notifications', 'app://motcua/index.html', false],
    ['openExternal', 'app://motcua/index.html', false],
    ['clipboard-read', 'app://motcua/index.html', false],
    ['fullscreen', 'app://motcua/index.html', false],
    ['hid', 'app://motcua/index.html', false],
    ['unknown-future-permission', 'app://motcua/index.html', false],
  ] as const)('%s from %s → %s', (permission, origin, expected) => {
    expect(decidePermission(permission, origin)).toBe(expected);
  });
});

describe('isTrustedSender', () => {
  it.each([
    [{ url: 'app://motcua/index.html', isMainFrame: true }, true],
    [{ url: 'app://motcua/index.html#/dossiers', isMainFrame: true }, true],
    [{ url: 'app://motcua/index.html', isMainFrame: false }, false],
    [{ url: 'https://evil.example/', isMainFrame: true }, false],
    [{ url: 'app://evil/index.html', isMainFrame: true }, false],
    [{ url: 'file:///tmp/x.html', isMainFrame: true }, false],
    [{ url: '', isMainFrame: true }, false],
    [null, false],
  ])('%j → %s', (frame, expected) => {
    expect(isTrustedSender(frame)).toBe(expected);
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (csp: string) =>
    new Map(
      csp.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );

  it('allows only the app itself to run scripts, with no eval and no inline script', () => {
    const csp = directives(contentSecurityPolicy());
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    for (const values of csp.values()) {
      expect(values).not.toContain("'unsafe-eval'");
      expect(values).not.toContain('*');
    }
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('lets the renderer reach the provisioned server and nothing else', () => {
    const csp = directives(contentSecurityPolicy({ serverUrl: 'https://motcua.thaibinh.gov.vn/api/' }));
    expect(csp.get('connect-src')).toEqual([
      "'self'",
      'https://motcua.thaibinh.gov.vn',
      'wss://motcua.thaibinh.gov.vn',
    ]);
  });

  it.each([
    ['http://localhost:8080', ['http://localhost:8080', 'ws://localhost:8080']],
    ['ftp://server', []],
    ['garbage', []],
    [undefined, []],
  ])('connectOrigins(%s)', (url, expected) => {
    expect(connectOrigins(url)).toEqual(expected);
  });

  it('gives printed forms no script at all', () => {
    const csp = directives(printDocumentCsp());
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.has('script-src')).toBe(false);
  });

  it('sends the CSP with the other hardening headers', () => {
    const headers = responseSecurityHeaders('default-src x');
    expect(headers['Content-Security-Policy']).toBe('default-src x');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('webPreferences', () => {
  /** Switches that keep the page apart from the main process and from other origins. */
  const ISOLATION_ON = ['contextIsolation', 'sandbox', 'webSecurity'];
  /** Switches that would hand the page Node, insecure content, webviews or experiments. */
  const EXPOSURE_OFF = [
    'nodeIntegration',
    'nodeIntegrationInWorker',
    'nodeIntegrationInSubFrames',
    'allowRunningInsecureContent',
    'webviewTag',
    'experimentalFeatures',
    'devTools',
  ];

  it('isolates and sandboxes the main window', () => {
    const prefs: Record<string, unknown> = mainWindowWebPreferences('/app/preload.cjs', { devTools: false });
    expect(prefs.preload).toBe('/app/preload.cjs');
    for (const on of ISOLATION_ON) expect(prefs[on], on).toBe(true);
    for (const off of EXPOSURE_OFF) expect(prefs[off], off).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('gives the rating window no preload (no IPC), isolated and sandboxed', () => {
    const prefs = ratingWindowWebPreferences();
    expect(prefs).not.toHaveProperty('preload');
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
    });
  });

  it('gives print windows no preload and no JavaScript', () => {
    const prefs = printWindowWebPreferences();
    expect(prefs).not.toHaveProperty('preload');
    expect(prefs).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true });
  });
});
