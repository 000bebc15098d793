import type { Officer } from '../../shared/domain';
import {
  DataKeyError,
  generateDataKey,
  unwrapDataKey,
  WEB_KEY_ITERATIONS,
  wrapDataKey,
  type DataKeyWrap,
} from '../platform/key';

/** Where the wraps live: the directory settings, readable before anyone logs in (they are sealed). */
export interface DataKeyWrapStore {
  load(): Promise<DataKeyWrap[]>;
  save(wraps: DataKeyWrap[]): Promise<void>;
}

export type DataKeyring = ReturnType<typeof createDataKeyring>;

/**
 * Web mode's data key (see renderer/platform/key.ts): unlocked at an officer's login from their
 * wrap, then kept in memory only, for this page. While it is open every officer who logs in gets a
 * wrap, so the next start can be opened by any of them.
 */
export function createDataKeyring(store: DataKeyWrapStore, opts: { iterations?: number } = {}) {
  const iterations = opts.iterations ?? WEB_KEY_ITERATIONS;
  let key: string | null = null;

  const wrapFor = (dataKey: string, officer: Officer, password: string) =>
    wrapDataKey(
      dataKey,
      {
        officeId: officer.officeId,
        officerId: officer.id,
        password,
        verifierSalt: officer.verifier?.saltB64 ?? '',
      },
      iterations,
    );

  /** Adds (or renews, after a password change) the wraps of these officers. */
  async function addWraps(dataKey: string, accounts: { officer: Officer; password: string }[]) {
    const wraps = await store.load();
    const fresh = await Promise.all(accounts.map((a) => wrapFor(dataKey, a.officer, a.password)));
    const ids = new Set(fresh.map((w) => w.officerId));
    await store.save([...wraps.filter((w) => !ids.has(w.officerId)), ...fresh]);
  }

  const current = (wraps: DataKeyWrap[], officer: Officer) =>
    wraps.some((w) => w.officerId === officer.id && w.verifierSalt === (officer.verifier?.saltB64 ?? ''));

  return {
    /** The data key once unlocked (memory only), else null. */
    current: (): string | null => key,

    /**
     * First run (the demo seed): a new key, wrapped for each of these officers, kept once `open`
     * accepted it. Refused when wraps exist already: the replica has its key.
     */
    async create(accounts: { officer: Officer; password: string }[], open: (key: string) => Promise<void>) {
      if (key) return key;
      if ((await store.load()).length > 0)
        throw new DataKeyError('no_wrap', 'this counter already has a key');
      const made = generateDataKey();
      await open(made);
      await addWraps(made, accounts);
      key = made;
      return made;
    },

    /**
     * After `officer` passed the login check with `password`: returns the data key, unwrapping it
     * with their wrap (calling `open` with it) when it is not open yet. A counter with no wraps at
     * all (first login after an update from the unencrypted replica) gets a new key. Throws
     * DataKeyError 'no_wrap' when others hold wraps but this officer has none, 'unwrap_failed' when
     * the wrap does not open with this password (changed since) — the replica stays locked.
     */
    async unlock(officer: Officer, password: string, open: (key: string) => Promise<void>): Promise<string> {
      const wraps = await store.load();
      if (key) {
        if (!current(wraps, officer)) await addWraps(key, [{ officer, password }]);
        return key;
      }
      const mine = wraps.find((w) => w.officerId === officer.id);
      if (!mine) {
        if (wraps.length > 0)
          throw new DataKeyError('no_wrap', 'no key wrap for this officer on this counter');
        const made = generateDataKey();
        await open(made);
        await addWraps(made, [{ officer, password }]);
        key = made;
        return made;
      }
      const unwrapped = await unwrapDataKey(mine, { officeId: officer.officeId, password });
      await open(unwrapped);
      key = unwrapped;
      if (!current(wraps, officer)) await addWraps(unwrapped, [{ officer, password }]);
      return unwrapped;
    },
  };
}
