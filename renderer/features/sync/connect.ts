import { startSync, type SyncClient, type SyncClientOptions } from './client';
import { SETTING_KEYS, type CounterRepository, type DirectoryRepository } from '../../db';
import { directoryReady, enrolOffice } from './enrol-office';
import { getPlatform } from '../../platform';
import { randomId } from '../../app/random-id';
import { stateForEnrolment } from '../../../shared/codes';
import type { EnrolResponse } from '../../../shared/sync/contract';
import type { SyncHost } from './host';
import { CodeLeaser } from './leases';
import { scanHost } from '../scans/host';
import { planBootstrap } from './bootstrap-counter';

/** Where web mode keeps its server credential (the desktop shell keeps it in the OS key store). */
export const SYNC_CONNECTION_SETTING = 'sync.connection';

export interface SyncConnection {
  serverUrl: string;
  token: string;
  deviceId: string;
  officeId: string;
  counterId: string;
}

export interface StartCounterSyncOptions {
  /**
   * A credential from elsewhere (desktop: renderer/platform's provisioning status). Without it the
   * one saved in the replica's settings by a web-mode enrolment is used, and the panel offers the
   * enrolment form while there is none.
   */
  connection?: SyncConnection | null;
  /** Shown to the province admin in the device list. */
  deviceName?: string;
  /** Passed to the replication client (tests shorten the retry delays). */
  client?: Partial<Omit<SyncClientOptions, 'serverUrl' | 'token' | 'collections'>>;
}

/**
 * What a counter replicates: officers and catalogue come down from the province; dossiers and
 * their events go both ways.
 */
export function syncedCollections(db: CounterRepository['db']) {
  return {
    dossier_events: db.dossier_events,
    dossiers: db.dossiers,
    procedures: db.procedures,
    sectors: db.sectors,
    officers: db.officers,
    offices: db.offices,
    counters: db.counters,
    holidays: db.holidays,
  };
}

/**
 * Starts replication of the counter's replica with the provincial server and attaches the client to
 * `host`. Returns the client, or null when this device is not enrolled yet (the host then carries an
 * enroller that the sync panel's form calls). Never rejects: the app works offline without it.
 */
export async function startCounterSync(
  repo: CounterRepository,
  host: SyncHost,
  opts: StartCounterSyncOptions = {},
): Promise<SyncClient | null> {
  const { db } = repo;
  let client: SyncClient | null = null;

  const start = async (c: SyncConnection): Promise<SyncClient> => {
    // A fresh replica downloads the office's snapshot first (./bootstrap-counter.ts).
    const bootstrap = await planBootstrap(repo, c).catch(() => null);
    client = startSync({
      serverUrl: c.serverUrl,
      token: c.token,
      collections: syncedCollections(db),
      // A counter on a poor link should be back in sync within seconds of the network returning.
      maxRetryMs: 10_000,
      pullFrom: bootstrap?.pullFrom,
      ...opts.client,
    });
    bootstrap?.run(client.replications);
    host.attach(client);
    keepLeases(repo, client);
    // Scans go up in a queue of their own, after the dossiers' data (renderer/features/scans).
    scanHost.connect(c, client);
    return client;
  };

  // The browser says when the network is back: pull at once instead of waiting for a retry timer.
  window.addEventListener('online', () => client?.resync());

  let saved: SyncConnection | null = opts.connection ?? null;
  try {
    saved ??= await desktopConnection();
    saved ??= await repo.getSetting<SyncConnection>(SYNC_CONNECTION_SETTING);
  } catch (error) {
    // The counter works offline without sync: report, and let the panel offer enrolment.
    console.error('sync: could not read the saved connection', error);
  }
  if (saved) {
    host.setEnroller(null);
    // A first run still bringing the office down (the first-run screen) finishes before the full
    // replication starts on the same collections.
    await untilDirectoryReady(repo);
    return start(saved);
  }

  host.setEnroller(async (input) => {
    // The panel's form (a demo counter joining the server's demo office): the same checks and
    // directory pull as the first-run screen; a replica holding another office is refused.
    await enrolOffice(
      { directory: repo, directoryDb: db, deviceName: opts.deviceName, saveConnection: true },
      input,
    );
    const connection = await repo.getSetting<SyncConnection>(SYNC_CONNECTION_SETTING);
    if (!connection) throw new Error('sync connection not saved');
    host.setEnroller(null);
    await start(connection);
  });
  return null;
}

/**
 * Keeps the counter's lease of dossier numbers topped up (./leases.ts) in the background: once the
 * client starts, whenever the link comes back, and after every change of the code state (a code
 * issued). Nothing here is awaited by a counter action.
 */
function keepLeases(repo: CounterRepository, client: SyncClient): void {
  const leaser = new CodeLeaser({
    repo,
    requestLease: (request) => client.requestLease(request),
    requestSlot: (request) => client.requestSlot(request),
  });
  let online = false;
  client.state$.subscribe((state) => {
    if (state.online && !online) void leaser.topUp(true);
    online = state.online;
  });
  repo.db.settings.findOne(SETTING_KEYS.codeState).$.subscribe(() => void leaser.topUp());
}

/**
 * Re-initialises the counter's code state on the slot of its enrolment answer (keeping what proves a
 * number was used, shared/codes stateForEnrolment), and records the counter it was enrolled as.
 */
export async function adoptNumbering(
  repo: Pick<DirectoryRepository, 'updateCodeState' | 'codeDeviceId' | 'setSetting' | 'findOffice'>,
  res: EnrolResponse,
): Promise<void> {
  if (res.role !== 'counter' || res.slot === undefined || !res.layout) return;
  const { slot, layout } = res;
  const office = await repo.findOffice(res.officeId);
  await repo.updateCodeState((current) => {
    const agencyCode = office?.agencyCode ?? current?.agencyCode;
    if (!agencyCode) throw new Error('codes.not_initialised');
    return stateForEnrolment(current, {
      officeId: res.officeId,
      counterId: res.counterId,
      agencyCode,
      // Enrolment binds the state to this machine (a copied profile is enrolled as a new device).
      deviceId: repo.codeDeviceId ?? current?.deviceId ?? `web-${randomId()}`,
      slot,
      layout,
      fallbackClosedThrough: res.fallbackClosedThrough ?? null,
      epoch: randomId(),
    });
  });
  await repo.setSetting(SETTING_KEYS.counterIdentity, { officeId: res.officeId, counterId: res.counterId });
}

/** Resolves once the office is in the directory and no enrolment is half done (./enrol-office.ts). */
async function untilDirectoryReady(repo: CounterRepository): Promise<void> {
  if (await directoryReady(repo)) return;
  await new Promise<void>((resolve) => {
    const check = () =>
      void directoryReady(repo).then((ready) => {
        if (!ready) return;
        settings.unsubscribe();
        offices.unsubscribe();
        resolve();
      });
    const settings = repo.db.settings.$.subscribe(check);
    const offices = repo.db.offices.$.subscribe(check);
  });
}

/** The desktop shell enrols from the provisioning file and keeps the credential in the OS key store. */
async function desktopConnection(): Promise<SyncConnection | null> {
  const platform = getPlatform();
  if (platform.kind !== 'desktop') return null;
  const status = await platform.provisioningStatus();
  if (status.state !== 'enrolled') return null;
  return {
    serverUrl: status.provisioning.serverUrl.replace(/\/+$/, ''),
    token: status.token,
    deviceId: status.deviceId,
    officeId: status.officeId,
    counterId: status.counterId,
  };
}
