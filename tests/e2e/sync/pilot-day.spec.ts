import { expect, test } from '@playwright/test';
import pg from 'pg';
import type { ApplicantInput } from '../pages/receive-page';
import { DossierPage } from '../pages/dossier-page';
import {
  issueCounterCode,
  PILOT_ACCOUNTS,
  PILOT_COUNTERS,
  PILOT_OFFICE,
  issueOneTimePassword,
  provinceCli,
  writePilotImportFiles,
} from '../support/pilot-office';
import { startSyncServer, type SyncServer } from '../support/server';

/** What each officer chooses at first login (the policy: long, not common, not their name). */
const OWN_PASSWORD = 'Tiep-nhan-Dong-Hung-2026';
import { Counter } from './pages/counter';

/**
 * Dossiers each counter receives during the day (the issue's 30; PILOT_PER_COUNTER lowers it for a
 * quick local run), and how many of them walk all five steps.
 */
const PER_COUNTER = Number(process.env.PILOT_PER_COUNTER ?? 30);
const WALKED = 2;

let server: SyncServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

function applicant(counter: number, i: number): ApplicantInput {
  const n = String(i).padStart(3, '0');
  return {
    fullName: `Công dân Quầy ${counter} Số ${n}`,
    idNumber: `034 ${String(85 + (i % 15)).padStart(3, '0')} 00${counter} ${n}`,
    phone: `0912 ${counter}00 ${n}`,
    address: `Thôn ${i % 7}, xã Đông Hưng`,
  };
}

const account = (username: string) => {
  const found = PILOT_ACCOUNTS.find((a) => a.username === username);
  if (!found) throw new Error(username);
  return found;
};

/**
 * Issue 22's pilot office day: the province loads a real office with its CLI (two sectors, their
 * procedures, three counters, six officers) and issues one enrolment code per counter; three new
 * PCs (separate browser profiles) enrol through the first-run screen, without the demo; the link
 * is down the whole day while each counter receives its citizens and walks some dossiers through
 * all five steps; the link returns and the supervisor runs the end-of-day sync on each. Every code
 * is distinct and the server holds every dossier and event, nothing refused.
 */
test('pilot office day: CLI-loaded office, three counters enrolled at first run, a day offline, end-of-day sync', async ({
  browser,
}, testInfo) => {
  test.setTimeout(Number(process.env.PILOT_TIMEOUT_MS ?? 40 * 60_000));
  const started = Date.now();
  const mark = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${what}`);
  server = await startSyncServer({ demo: false });
  const databaseUrl = server.databaseUrl;

  // The province loads the office as IT staff do, one import per collection, then one code per counter.
  const files = writePilotImportFiles();
  for (const collection of ['offices', 'counters', 'sectors', 'procedures', 'officers'] as const)
    expect(
      await provinceCli(databaseUrl, ['import', '--collection', collection, '--file', files[collection]]),
    ).toMatch(/[1-9]\d* written/);
  // Each officer gets a one-time password from the province, to replace at their first login. The
  // codes and passwords are independent commands: IT staff could run them in several terminals.
  const [codes, passwords] = await Promise.all([
    Promise.all(PILOT_COUNTERS.map((counter) => issueCounterCode(databaseUrl, counter.id))),
    Promise.all(PILOT_ACCOUNTS.map(({ username }) => issueOneTimePassword(databaseUrl, username))),
  ]);
  const oneTime = new Map(PILOT_ACCOUNTS.map(({ username }, i) => [username, passwords[i]!]));
  mark('office loaded, codes and one-time passwords issued');

  const baseURL = String(testInfo.project.use.baseURL);
  const counters = await Promise.all(PILOT_COUNTERS.map(() => Counter.open(browser, baseURL)));
  const officers = ['lan.quay1', 'hoa.quay2', 'nam.quay3'];
  const received: { code: string; id: string }[][] = [[], [], []];
  try {
    // Each PC: first run, "connect to the office" with its code; the office comes down, then the
    // counter's officer signs in (online: the data key is made, replication and the lease start).
    await Promise.all(
      counters.map(async (c, i) => {
        await c.app.installOffline();
        await c.firstRun.connect(server!.url, codes[i]!);
        await expect(c.page.getByTestId('login')).toContainText(PILOT_OFFICE.name);
        await expect(c.page.getByTestId('login').locator('table')).toHaveCount(0); // no demo accounts
        await c.firstLogin(officers[i]!, oneTime.get(officers[i]!)!, OWN_PASSWORD, 'receiver');
        await c.sync.expectInSync();
      }),
    );
    // The leader, the supervisor and IT set theirs on the first counter; every counter then has them.
    const first = counters[0]!;
    await first.firstLogin('chutich', oneTime.get('chutich')!, OWN_PASSWORD, 'approver');
    await first.firstLogin('truongbp', oneTime.get('truongbp')!, OWN_PASSWORD, 'supervisor');
    await first.firstLogin('it.xa', oneTime.get('it.xa')!, OWN_PASSWORD, 'admin');
    await first.login(officers[0]!, OWN_PASSWORD, 'receiver');
    await first.sync.expectInSync();
    const province = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    try {
      await expect
        .poll(
          async () =>
            (
              await province.query(
                `SELECT 1 FROM documents WHERE collection = 'officers' AND office_id = $1
                  AND (doc->>'mustChangePassword')::boolean IS NOT TRUE`,
                [PILOT_OFFICE.id],
              )
            ).rowCount,
          { timeout: 60_000 },
        )
        .toBe(PILOT_ACCOUNTS.length);
    } finally {
      await province.end();
    }
    const changedBy = new Date().toISOString();
    await Promise.all(counters.map((c) => c.pulledSince(changedBy)));
    mark('three counters enrolled, six officers set their passwords');

    // The link is down for the whole day.
    for (const c of counters) await c.offline();
    server.cutConnections();
    for (const c of counters) await expect(c.sync.button).toHaveAttribute('data-online', 'false');

    const intakeStart = Date.now();
    await Promise.all(
      counters.map(async (c, i) => {
        for (let n = 0; n < PER_COUNTER; n += 1) received[i]!.push(await c.intake(applicant(i + 1, n)));
      }),
    );
    mark(`${3 * PER_COUNTER} intakes in ${((Date.now() - intakeStart) / 1000).toFixed(0)}s`);

    // Some dossiers of each counter go through all five steps, still offline.
    await Promise.all(
      counters.map(async (c, i) => {
        const walked = received[i]!.slice(0, WALKED);
        const dossier = new DossierPage(c.page);
        await c.app.switchRole('appraiser');
        for (const { id } of walked) {
          await c.app.openById(id);
          await dossier.appraise();
        }
        await c.login('chutich', OWN_PASSWORD, 'approver');
        for (const { id } of walked) {
          await c.app.openById(id);
          await dossier.approve('Đồng ý');
        }
        await c.login(officers[i]!, OWN_PASSWORD, 'sealer');
        for (const [n, { id }] of walked.entries()) {
          await c.app.openById(id);
          await dossier.seal({
            documentType: 'Bản sao chứng thực',
            number: `${n + 1}/CT`,
            signer: account('chutich').fullName,
          });
        }
        await c.app.switchRole('receiver');
        for (const { id } of walked) {
          await c.app.openById(id);
          await dossier.returnResult('Hài lòng');
          expect(await dossier.history()).toEqual([
            'receive',
            'appraise',
            'approve',
            'seal',
            'return_result',
          ]);
        }
      }),
    );
    mark('five steps walked');

    // Every code of the day is distinct, across the three counters.
    const allCodes = received.flat().map((r) => r.code);
    expect(new Set(allCodes).size).toBe(3 * PER_COUNTER);

    // The link returns; the supervisor runs the end-of-day sync on each counter.
    for (const c of counters) {
      await c.online();
      await c.login('truongbp', OWN_PASSWORD, 'supervisor');
      await c.sync.startEndOfDay();
      const summary = await c.sync.endOfDaySummary();
      expect(summary).toMatchObject({ complete: true, conflicts: 0, rejected: 0, pending: 0 });
      await c.sync.closeEndOfDay();
    }
    mark('end-of-day sync done');

    // The server holds every dossier with its code and every event; nothing refused or in conflict.
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    try {
      const dossiers = await pool.query<{ code: string }>(
        `SELECT doc->>'code' AS code FROM documents WHERE collection = 'dossiers' AND office_id = $1`,
        [PILOT_OFFICE.id],
      );
      expect(dossiers.rows.map((r) => r.code).sort()).toEqual([...allCodes].sort());
      // One event per intake, four more per walked dossier (appraise, approve, seal, return), each
      // dossier with its own; the background sync may have sent them before the end-of-day run.
      const events = await pool.query<{ n: string; dossiers: string }>(
        `SELECT count(*) AS n, count(DISTINCT doc->>'dossierId') AS dossiers
           FROM documents WHERE collection = 'dossier_events' AND office_id = $1`,
        [PILOT_OFFICE.id],
      );
      expect(Number(events.rows[0]?.n)).toBe(3 * PER_COUNTER + 3 * WALKED * 4);
      expect(Number(events.rows[0]?.dossiers)).toBe(3 * PER_COUNTER);
      const conflicts = await pool.query('SELECT 1 FROM conflicts');
      expect(conflicts.rowCount).toBe(0);
    } finally {
      await pool.end();
    }
    mark('server checked');
  } finally {
    for (const c of counters) await c.close();
  }
});
