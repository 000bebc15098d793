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
    ['#/overdue', { name: 'overdue' }],
    ['#/rating', { name: 'rating' }],
    ['#/dossier/abc-123', { name: 'dossier', id: 'abc-123' }],
    ['#/dossier/abc-123/apology', { name: 'dossier', id: 'abc-123', step: 'apologize_extend' }],
    ['#/unknown', { name: 'queue' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('round-trips dossier ids that need escaping', () => {
    const route: Route = { name: 'dossier', id: 'a:b/c' };
    expect(parseRoute(routeHash(route))).toEqual(route);
    const apology: Route = { name: 'dossier', id: 'a:b/c', step: 'apologize_extend' };
    expect(parseRoute(routeHash(apology))).toEqual(apology);
  });
});
