import { describe, expect, it } from 'vitest';
import { createDesktopBridge } from '../../shared/ipc/bridge';
import { IPC_METHODS } from '../../shared/ipc/contract';
import { createDesktopPlatform, findDesktopBridge } from './desktop';
import { deriveDatabaseKey } from './key';
import { withPageSize } from './web';

const login = { officeId: 'office-a', username: 'nguyen.van.a', password: 'Mật-khẩu-2026' };
const FAST = 100_000;

describe('web database key', () => {
  it('is 32 bytes, stable for one login, different for any other', async () => {
    const key = await deriveDatabaseKey(login, FAST);
    expect(atob(key)).toHaveLength(32);
    expect(await deriveDatabaseKey({ ...login, username: ' Nguyen.Van.A ' }, FAST)).toBe(key);
    const others = await Promise.all([
      deriveDatabaseKey({ ...login, password: 'Mật-khẩu-2027' }, FAST),
      deriveDatabaseKey({ ...login, username: 'tran.thi.b' }, FAST),
      deriveDatabaseKey({ ...login, officeId: 'office-b' }, FAST),
    ]);
    expect(new Set([key, ...others]).size).toBe(4);
  });

  it('uses the full iteration count by default and refuses an empty password', async () => {
    const started = performance.now();
    const key = await deriveDatabaseKey(login);
    expect(performance.now() - started).toBeGreaterThan(20);
    expect(key).not.toBe(await deriveDatabaseKey(login, FAST));
    await expect(deriveDatabaseKey({ ...login, password: '' })).rejects.toThrow(/password/);
  });
});

describe('desktop platform over the preload bridge', () => {
  it('finds the bridge only when the preload defined it', () => {
    expect(findDesktopBridge({})).toBeNull();
    expect(findDesktopBridge({ motcua: { kind: 'something' } })).toBeNull();
    const bridge = createDesktopBridge(async () => ({ ok: true, value: null }));
    expect(findDesktopBridge({ motcua: bridge })).toBe(bridge);
  });

  it('offers exactly the calls of the desktop contract', () => {
    const platform = createDesktopPlatform(createDesktopBridge(async () => ({ ok: true, value: null })));
    expect(Object.keys(platform).sort()).toEqual(['kind', ...IPC_METHODS].sort());
    expect(platform.kind).toBe('desktop');
  });

  it('returns the keychain key, and surfaces refusals with their code', async () => {
    const calls: string[] = [];
    const platform = createDesktopPlatform(
      createDesktopBridge(async (channel) => {
        calls.push(channel);
        if (channel === 'keys.getDatabaseKey') return { ok: true, value: 'k'.repeat(43) + '=' };
        return { ok: false, error: { code: 'bad_arguments', message: 'pageSize: Invalid option' } };
      }),
    );
    expect(await platform.getDatabaseKey()).toBe('k'.repeat(43) + '=');
    await expect(platform.printForm({ html: '<p>x</p>', pageSize: 'A5' })).rejects.toMatchObject({
      code: 'bad_arguments',
      channel: 'print.form',
    });
    platform.log({ level: 'info', message: 'never throws' });
    expect(calls).toEqual(['keys.getDatabaseKey', 'print.form', 'log.write']);
  });
});

describe('web printing', () => {
  it.each([
    [
      '<html><head><title>x</title></head><body></body></html>',
      'A5',
      false,
      '<html><head><style data-motcua-page>@page { size: A5 portrait; }</style><title>',
    ],
    ['<p>no head</p>', 'A4', true, '<style data-motcua-page>@page { size: A4 landscape; }</style><p>'],
  ] as const)(
    'puts the default page size before the form’s own CSS (#%#)',
    (html, size, landscape, start) => {
      expect(withPageSize(html, size, landscape).startsWith(start)).toBe(true);
    },
  );
});
