/* global self, caches, fetch, Response, URL */
/* Service worker for web mode: keeps the app loadable with the network down.
 * The app shell (index.html, the hashed assets it references and every file offline-assets.json
 * lists) is cached on install; the page
 * also posts the list of resources it actually loaded (see renderer/app/offline.ts), so lazily
 * loaded chunks are cached too. Navigations are network-first (a new build wins when online) and
 * fall back to the cached shell; hashed assets are cache-first (their name changes with content). */
const CACHE = 'motcua-shell-v1';
const SHELL = './';

async function cacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL, { cache: 'no-store' });
  if (!response.ok) throw new Error(`shell ${response.status}`);
  const html = await response.clone().text();
  await cache.put(SHELL, response);
  const urls = new Set();
  for (const match of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
    const url = new URL(match[1], self.registration.scope);
    if (url.origin === self.location.origin) urls.add(url.href);
  }
  // Every file of the build (see vite.config.ts offlineAssetList), lazily loaded chunks included.
  const list = await fetch('./offline-assets.json', { cache: 'no-store' }).catch(() => null);
  if (list && list.ok) {
    for (const name of await list.json()) urls.add(new URL(name, self.registration.scope).href);
  }
  await cache.addAll([...urls]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

/** The page tells us what it loaded; cache what is ours and missing, then answer with the count. */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-urls' || !Array.isArray(data.urls)) return;
  const port = event.ports[0];
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const own = data.urls.filter((u) => new URL(u).origin === self.location.origin);
      let cached = 0;
      for (const url of own) {
        if (!(await cache.match(url, { ignoreVary: true }))) {
          try {
            await cache.add(url);
          } catch {
            continue;
          }
        }
        cached += 1;
      }
      if (!(await cache.match(SHELL, { ignoreVary: true }))) await cacheShell();
      if (port) port.postMessage({ type: 'cached', count: cached });
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The admin console (a second page of the build) is not part of the counter's offline shell.
  if (url.href.startsWith(new URL('console/', self.registration.scope).href)) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then(async (response) => {
          if (response.ok) {
            const cache = await caches.open(CACHE);
            await cache.put(SHELL, response.clone());
          }
          return response;
        })
        .catch(
          async () =>
            (await caches.match(SHELL, { ignoreSearch: true, ignoreVary: true })) ?? Response.error(),
        ),
    );
    return;
  }
  event.respondWith(
    caches.match(request, { ignoreVary: true }).then(
      (hit) =>
        hit ??
        fetch(request).then(async (response) => {
          if (response.ok && response.type === 'basic') {
            const cache = await caches.open(CACHE);
            await cache.put(request, response.clone());
          }
          return response;
        }),
    ),
  );
});
