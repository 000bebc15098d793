import type { DirectoryRepository } from '../../db';
import { getPlatform } from '../../platform';
import { SYNC_CONNECTION_SETTING, type SyncConnection, type SyncHandle, type SyncHost } from '../sync';
import type { OfficerOutbox, ServerCredential } from './outbox';

/**
 * The credential this counter syncs with, as the sync feature finds it: on the desktop the one
 * enrolled from the provisioning file (OS key store), in web mode the one saved at enrolment.
 */
export async function counterCredential(directory: DirectoryRepository): Promise<ServerCredential | null> {
  const platform = getPlatform();
  if (platform.kind === 'desktop') {
    const status = await platform.provisioningStatus();
    if (status.state === 'enrolled')
      return { serverUrl: status.provisioning.serverUrl.replace(/\/+$/, ''), token: status.token };
  }
  const saved = await directory.getSetting<SyncConnection>(SYNC_CONNECTION_SETTING);
  return saved ? { serverUrl: saved.serverUrl, token: saved.token } : null;
}

/**
 * Sends the officers' changes with the counter's sync: whenever the sync client is (back) online,
 * and once at start. Changes made while offline thus reach the server at the next sync.
 */
export function flushWithSync(host: SyncHost, outbox: OfficerOutbox): () => void {
  let watched: SyncHandle | null = null;
  let detach: (() => void) | null = null;
  const follow = () => {
    const client = host.get().client;
    if (client === watched) return;
    watched = client;
    detach?.();
    detach = null;
    if (!client) return;
    let online = false;
    const sub = client.state$.subscribe((state) => {
      if (state.online && !online) void outbox.flush();
      online = state.online;
    });
    detach = () => sub.unsubscribe();
  };
  follow();
  const unsubscribe = host.subscribe(follow);
  void outbox.flush();
  return () => {
    unsubscribe();
    detach?.();
  };
}
