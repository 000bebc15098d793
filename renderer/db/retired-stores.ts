/**
 * IndexedDB databases an earlier version of the replica kept and this one no longer opens: removed
 * on open so an upgraded counter does not carry their data (and its disk space) for ever.
 * RxDB's Dexie storage names a collection's database `rxdb-dexie-<database>--<schema version>--<collection>`.
 */
const RETIRED_DATA_COLLECTIONS: readonly { collection: string; version: number }[] = [
  // Report records moved to their own store (./report-records-store.ts).
  { collection: 'report_records', version: 0 },
];

/** The IndexedDB names of the retired collections of the data database `dataName`. */
export function retiredStoreNames(dataName: string): string[] {
  return RETIRED_DATA_COLLECTIONS.map(
    ({ collection, version }) => `rxdb-dexie-${dataName}--${version}--${collection}`,
  );
}

/** Deletes the retired databases of `dataName` (absent ones are a no-op); never fails the open. */
export async function removeRetiredStores(dataName: string): Promise<void> {
  const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!idb) return;
  await Promise.all(
    retiredStoreNames(dataName).map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = idb.deleteDatabase(name);
          request.onsuccess = () => resolve();
          request.onerror = () => {
            console.warn('could not remove the retired store', name, request.error);
            resolve();
          };
          // Another tab still holds it open: it goes once that closes; the open does not wait.
          request.onblocked = () => resolve();
        }),
    ),
  );
}
