// IndexedDB in Node for the tests: the replica's report records (renderer/db/report-records-store.ts)
// and the scan files live in Dexie databases beside the RxDB replica.
import 'fake-indexeddb/auto';
