import { describe, expect, it } from 'vitest';
import { createDesktopBridge } from '../../shared/ipc/bridge';
import { IPC_METHODS } from '../../shared/ipc/contract';
import { BackupError, openBackup, readBackupMetadata, sealBackup } from './backup';
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

describe('sealed backups', () => {
  const replica = {
    name: 'motcua',
    collections: [
      {
        name: 'dossiers',
        docs: [
          {
            id: 'd1',
            applicant: { fullName: 'Nguyễn Văn A', idNumber: '001099012345', phone: '0912345678' },
          },
        ],
      },
    ],
  };
  const metadata = {
    createdAt: '2026-11-27T02:00:00.000Z',
    appVersion: '0.1.0',
    officeId: 'office-a',
    counts: { dossiers: 1 },
  };

  it('round-trips with the passphrase, on any profile', async () => {
    const sealed = await sealBackup(replica, 'sao-luu-quay-1', metadata, { iterations: FAST });
    expect(await openBackup(sealed, 'sao-luu-quay-1')).toEqual({ data: replica, metadata });
    expect(readBackupMetadata(sealed)).toEqual(metadata);
  });

  it('keeps personal data unreadable in the file', async () => {
    const sealed = await sealBackup(replica, 'sao-luu-quay-1', metadata, { iterations: FAST });
    const text = new TextDecoder('latin1').decode(sealed);
    for (const secret of ['001099012345', '0912345678', 'Nguy']) expect(text).not.toContain(secret);
  });

  it('refuses a wrong passphrase, a flipped byte and an edited header', async () => {
    const sealed = await sealBackup(replica, 'sao-luu-quay-1', metadata, { iterations: FAST });
    await expect(openBackup(sealed, 'sao-luu-quay-2')).rejects.toMatchObject({
      code: 'wrong_passphrase_or_damaged',
    });
    const flipped = sealed.slice();
    flipped[flipped.length - 5] = (flipped[flipped.length - 5] ?? 0) ^ 1;
    await expect(openBackup(flipped, 'sao-luu-quay-1')).rejects.toMatchObject({
      code: 'wrong_passphrase_or_damaged',
    });
    // Same length, different metadata: authenticated, so refused.
    const at = Buffer.from(sealed).indexOf('office-a');
    expect(at).toBeGreaterThan(0);
    const edited = sealed.slice();
    edited[at + 'office-'.length] = 'b'.charCodeAt(0);
    expect(readBackupMetadata(edited).officeId).toBe('office-b');
    await expect(openBackup(edited, 'sao-luu-quay-1')).rejects.toMatchObject({
      code: 'wrong_passphrase_or_damaged',
    });
  });

  it('refuses files that are not backups and weak passphrases', async () => {
    await expect(
      openBackup(new TextEncoder().encode('{"collections":[]}'), 'x'.repeat(12)),
    ).rejects.toBeInstanceOf(BackupError);
    await expect(
      openBackup(
        new TextEncoder().encode('MCBAK1\n{"format":"motcua-backup","version":2}\n'),
        'x'.repeat(12),
      ),
    ).rejects.toMatchObject({
      code: 'unsupported_version',
    });
    await expect(sealBackup(replica, 'short', metadata)).rejects.toMatchObject({ code: 'weak_passphrase' });
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
