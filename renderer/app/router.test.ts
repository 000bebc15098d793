import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './router';

describe('hash routes', () => {
  it.each<[string, Route]>([
    ['', { name: 'queue' }],
    ['#/', { name: 'queue' }],
    ['#/receive', { name: 'receive' }],
    ['#/register', { name: 'register' }],
    ['#/backup', { name: 'backup' }],
    ['#/reports', { name: 'reports' }],
    ['#/dossier/abc-123', { name: 'dossier', id: 'abc-123' }],
    ['#/unknown', { name: 'queue' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('round-trips dossier ids that need escaping', () => {
    const route: Route = { name: 'dossier', id: 'a:b/c' };
    expect(parseRoute(routeHash(route))).toEqual(route);
  });
});
