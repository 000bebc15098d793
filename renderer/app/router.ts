import { useSyncExternalStore } from 'react';

/**
 * Hash routes: they work the same under app:// (Electron), http:// and from the service worker's
 * cached shell, since the server never sees the part after '#'.
 */
export type Route =
  | { name: 'queue' }
  | { name: 'receive' }
  | { name: 'dossier'; id: string }
  | { name: 'register' }
  | { name: 'backup' }
  | { name: 'reports' }
  | { name: 'officers' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const dossier = /^\/dossier\/([^/]+)$/.exec(path);
  if (dossier?.[1]) return { name: 'dossier', id: decodeURIComponent(dossier[1]) };
  if (path === '/receive') return { name: 'receive' };
  if (path === '/register') return { name: 'register' };
  if (path === '/backup') return { name: 'backup' };
  if (path === '/reports') return { name: 'reports' };
  if (path === '/officers') return { name: 'officers' };
  return { name: 'queue' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'queue':
      return '#/';
    case 'receive':
      return '#/receive';
    case 'register':
      return '#/register';
    case 'backup':
      return '#/backup';
    case 'reports':
      return '#/reports';
    case 'officers':
      return '#/officers';
    case 'dossier':
      return `#/dossier/${encodeURIComponent(route.id)}`;
  }
}

export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (location.hash !== hash) location.hash = hash;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseRoute(hash);
}
