// The whole security policy of the desktop shell, as pure functions: what the window may load,
// where it may navigate, which permissions it gets, which frames may talk to the main process.
// main.ts only wires these into Electron's hooks, so every rule here is unit-tested without Electron.

/** One stable origin for the renderer: IndexedDB is keyed by origin, so it must never change. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'motcua';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Government sites an officer may be sent to from the app, opened in the OS browser only. */
export const EXTERNAL_HTTPS_ALLOWLIST: readonly string[] = [
  'dichvucong.gov.vn',
  'www.dichvucong.gov.vn',
  'vbpl.vn',
  'thuvienphapluat.vn',
];

/** Permissions the renderer may have; everything else (camera, geolocation, notifications…) is denied. */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when the URL belongs to the app's own origin (`app://motcua/...`). */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

function isAllowlistedExternal(parsed: URL): boolean {
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    (parsed.port === '' || parsed.port === '443') &&
    EXTERNAL_HTTPS_ALLOWLIST.includes(parsed.hostname.toLowerCase())
  );
}

/**
 * A navigation of the main window (link click, location change, drag-and-drop of a URL).
 * In-app routes stay in the window; allowlisted https pages go to the OS browser; the rest is refused.
 */
export function decideNavigation(url: string): NavigationDecision {
  const parsed = parseUrl(url);
  if (parsed === null) return 'deny';
  if (isAppUrl(url)) return 'allow';
  if (isAllowlistedExternal(parsed)) return 'open-external';
  return 'deny';
}

/** window.open / target=_blank: never a new Electron window; allowlisted pages open in the OS browser. */
export function decideWindowOpen(url: string): Exclude<NavigationDecision, 'allow'> {
  const parsed = parseUrl(url);
  if (parsed !== null && isAllowlistedExternal(parsed)) return 'open-external';
  return 'deny';
}

/** Permission requests and checks: denied unless granted above AND asked by the app's own origin. */
export function decidePermission(permission: string, requestingUrl: string | undefined): boolean {
  if (!GRANTED_PERMISSIONS.has(permission)) return false;
  return requestingUrl !== undefined && isAppUrl(requestingUrl);
}

/**
 * An IPC message is answered only when it comes from the app's top-level frame: a sub-frame or a
 * page from another origin (should one ever load) gets nothing.
 */
export function isTrustedSender(frame: { url: string; isMainFrame: boolean } | null): boolean {
  return frame !== null && frame.isMainFrame && isAppUrl(frame.url);
}

/** Origins the renderer may connect to besides itself: the provincial server from provisioning. */
export function connectOrigins(serverUrl: string | undefined): string[] {
  if (!serverUrl) return [];
  const parsed = parseUrl(serverUrl);
  if (parsed === null) return [];
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return [];
  const websocket = parsed.protocol === 'https:' ? 'wss:' : 'ws:';
  return [parsed.origin, `${websocket}//${parsed.host}`];
}

/**
 * The Content-Security-Policy sent with every app:// response.
 * - scripts only from the app itself, plus 'wasm-unsafe-eval' for hash-wasm (argon2id login check);
 * - inline styles, because antd writes its CSS-in-JS into <style> tags at run time;
 * - no plugins, no <base>, no form posts, never framed by anyone.
 */
export function contentSecurityPolicy(options: { serverUrl?: string } = {}): string {
  const connect = ["'self'", ...connectOrigins(options.serverUrl)];
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', connect],
    ['worker-src', ["'self'", 'blob:']],
    ['manifest-src', ["'self'"]],
    ['frame-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Printed forms are static documents: no script at all, images and styles inline or from the app. */
export function printDocumentCsp(): string {
  return [
    "default-src 'none'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** What every window gets: isolated and sandboxed, no Node, no webviews, no insecure content. */
const LOCKED_DOWN = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  // Middle-click would otherwise open links in new windows, bypassing will-navigate.
  disableBlinkFeatures: 'Auxclick',
} as const;

/** The exact webPreferences of the main window. DevTools only in development builds. */
export function mainWindowWebPreferences(preloadPath: string, options: { devTools: boolean }) {
  return {
    preload: preloadPath,
    ...LOCKED_DOWN,
    experimentalFeatures: false,
    safeDialogs: true,
    devTools: options.devTools,
  } as const;
}

/**
 * The citizen's rating window: the app's own page (#/rating) with no preload, so no IPC at all; it
 * talks to the counter window by BroadcastChannel only.
 */
export function ratingWindowWebPreferences() {
  return { ...LOCKED_DOWN, experimentalFeatures: false, safeDialogs: true, devTools: false } as const;
}

/** Hidden windows that render a form for printing: no preload, no JavaScript. */
export function printWindowWebPreferences() {
  return { ...LOCKED_DOWN, javascript: false, devTools: false } as const;
}

/** Security headers added to every app:// response. */
export function responseSecurityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}
