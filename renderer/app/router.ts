import { useSyncExternalStore } from 'react';

/**
 * Hash routes: they work the same under app:// (Electron), http:// and from the service worker's
 * cached shell, since the server never sees the part after '#'.
 */
export type Route =
  | { name: 'queue' }
  | { name: 'receive' }
  /** `step`: a step form to open on arrival (the overdue list opens the apology, form 04). */
  | { name: 'dossier'; id: string; step?: 'apologize_extend' }
  | { name: 'register' }
  | { name: 'backup' }
  | { name: 'reports' }
  | { name: 'overdue' }
  /** The citizen-facing rating screen: a second window, no login (renderer/features/rating). */
  | { name: 'rating' }
  | { name: 'officers' }
  | { name: 'counters' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const dossier = /^\/dossier\/([^/]+)(\/apology)?$/.exec(path);
  if (dossier?.[1]) {
    const id = decodeURIComponent(dossier[1]);
    return dossier[2] ? { name: 'dossier', id, step: 'apologize_extend' } : { name: 'dossier', id };
  }
  if (path === '/receive') return { name: 'receive' };
  if (path === '/register') return { name: 'register' };
  if (path === '/backup') return { name: 'backup' };
  if (path === '/reports') return { name: 'reports' };
  if (path === '/overdue') return { name: 'overdue' };
  if (path === '/rating') return { name: 'rating' };
  if (path === '/officers') return { name: 'officers' };
  if (path === '/counters') return { name: 'counters' };
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
    case 'counters':
      return '#/counters';
    case 'overdue':
      return '#/overdue';
    case 'rating':
      return '#/rating';
    case 'dossier':
      return `#/dossier/${encodeURIComponent(route.id)}${route.step ? '/apology' : ''}`;
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
