import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { collectionNameSchema, deviceRoleSchema, wireDocumentSchema } from '../shared/sync/contract';
import { ADMIN_COMMANDS, ADMIN_USAGE, runAdminCommand } from './admin/cli';
import { demoAdminMessage, seedDemoAdmin } from './admin/demo-admin';
import { MAX_ENROL_CODE_TTL_MIN, loadConfig } from './config';
import { openDatabase } from './db/pool';
import { demoEnrolMessage, issueDemoEnrolCode, seedDemo } from './catalogue/demo-seed';
import { migrate } from './db/migrations';
import { OFFICER_COMMANDS, OFFICER_USAGE, runOfficerCommand } from './officers/cli';
import { openStores } from './stores';
import { checkUpdatesFolder, formatUpdatesReport } from './updates/check';

const USAGE = `usage:
  tsx server/cli.ts enrol-code --office <officeId> [--counter <counterId>] [--role counter|province] [--ttl <minutes, at most 10080>]
  tsx server/cli.ts revoke --device <deviceId>
  tsx server/cli.ts devices
  tsx server/cli.ts import --collection <procedures|sectors|officers|offices|counters|holidays> --file <docs.json>
  tsx server/cli.ts seed-demo [--ttl <minutes>]   (demo office if missing, plus an enrolment code)
  tsx server/cli.ts check-updates [--dir <folder>]  (the update feed: UPDATES_DIR by default)
${OFFICER_USAGE}
${ADMIN_USAGE}`;

const COMMANDS = [
  'enrol-code',
  'revoke',
  'devices',
  'import',
  'seed-demo',
  'check-updates',
  ...OFFICER_COMMANDS,
  ...ADMIN_COMMANDS,
];

/** --ttl in whole minutes, within what the HTTP route allows (the same cap). */
function ttlOf(value: string | undefined): number {
  const ttl = Number(value);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_ENROL_CODE_TTL_MIN)
    throw new Error(`--ttl must be whole minutes from 1 to ${MAX_ENROL_CODE_TTL_MIN} (7 days), not ${value}`);
  return ttl;
}

/** Province admin commands, run on the server machine (same database configuration as the server). */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      office: { type: 'string' },
      counter: { type: 'string' },
      role: { type: 'string', default: 'counter' },
      ttl: { type: 'string', default: String(24 * 60) },
      device: { type: 'string' },
      collection: { type: 'string' },
      file: { type: 'string' },
      dir: { type: 'string' },
      officer: { type: 'string' },
      'one-time': { type: 'boolean' },
      username: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
  });
  if (!command || !COMMANDS.includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  if (command === 'check-updates') {
    // Files only: no database needed.
    const report = await checkUpdatesFolder(values.dir ?? config.UPDATES_DIR);
    console.log(formatUpdatesReport(report));
    return report.problemCount === 0 ? 0 : 1;
  }
  const db = await openDatabase({
    url: config.DATABASE_URL,
    embedded: { dataDir: config.PG_DATA_DIR, port: config.PG_PORT },
  });
  try {
    await migrate(db.pool);
    const stores = openStores(db.pool);
    if (OFFICER_COMMANDS.includes(command)) return await runOfficerCommand(command, values, stores);
    if (ADMIN_COMMANDS.includes(command)) return await runAdminCommand(command, values, stores);
    if (command === 'enrol-code') {
      if (!values.office) throw new Error('--office is required');
      const role = deviceRoleSchema.parse(values.role);
      const ttl = ttlOf(values.ttl);
      const { code, expiresAt } = await stores.devices.issueEnrolCode(
        values.office,
        role,
        ttl,
        values.counter,
      );
      const who = values.counter ? `counter ${values.counter}` : role;
      console.log(`enrolment code for office ${values.office} (${who}): ${code}  (valid until ${expiresAt})`);
    } else if (command === 'revoke') {
      if (!values.device) throw new Error('--device is required');
      console.log((await stores.devices.revokeDevice(values.device)) ? 'revoked' : 'no such active device');
    } else if (command === 'devices') {
      for (const d of await stores.devices.listDevices())
        console.log(
          `${d.id}  ${d.officeId}  ${d.counterId}  ${d.role}  ${d.name}${d.revoked ? '  (revoked)' : ''}`,
        );
    } else if (command === 'seed-demo') {
      const written = await seedDemo(stores);
      await seedDemoAdmin(stores);
      console.log(
        `demo office: ${Object.entries(written)
          .map(([collection, n]) => `${collection} ${n}`)
          .join(', ')} written (0 = already there)`,
      );
      const { code, expiresAt } = await issueDemoEnrolCode(stores, ttlOf(values.ttl));
      console.log(demoEnrolMessage(code, `http://${config.HOST}:${config.PORT}`, expiresAt));
      console.log(demoAdminMessage(`http://${config.HOST}:${config.PORT}`));
    } else {
      const collection = collectionNameSchema.parse(values.collection);
      if (!values.file) throw new Error('--file is required');
      const docs = wireDocumentSchema.array().parse(
        (JSON.parse(readFileSync(values.file, 'utf8')) as Record<string, unknown>[]).map((d) => ({
          _deleted: false,
          ...d,
        })),
      );
      const res = await stores.catalogue.upsertCatalogue(collection, docs, 'cli');
      console.log(`${res.written} written`);
      for (const r of res.rejected) console.error(`rejected ${r.id}: ${r.reason} ${r.detail}`);
      if (res.rejected.length > 0) return 1;
    }
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
