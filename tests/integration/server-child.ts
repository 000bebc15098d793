/**
 * The sync server as a separate process, so a test can SIGKILL it in the middle of a push.
 * STALL=before-commit holds the first push transaction open before COMMIT; STALL=after-commit holds
 * the first push response after COMMIT. Either way it prints "STALLED" and waits to be killed.
 */
import { buildApp } from '../../server/app';
import { openDatabase } from '../../server/db/pool';
import { migrate } from '../../server/db/migrations';
import { openStores } from '../../server/stores';

const stall = process.env.STALL ?? 'none';
const db = await openDatabase({ url: process.env.DATABASE_URL });
await migrate(db.pool);
const store = openStores(db.pool);
let stalled = false;
const forever = () => {
  stalled = true;
  process.stdout.write('STALLED\n');
  return new Promise<void>(() => {});
};
if (stall === 'before-commit') {
  store.replication.beforeCommit = () => (stalled ? Promise.resolve() : forever());
}
const app = await buildApp({
  stores: store,
  extend: (a) => {
    if (stall === 'after-commit') {
      a.addHook('onSend', async (req, _reply, payload) => {
        if (!stalled && req.url.includes('/push')) await forever();
        return payload;
      });
    }
  },
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
process.stdout.write('LISTENING\n');
