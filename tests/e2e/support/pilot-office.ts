import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_PASSWORD, DEMO_PROCEDURES, DEMO_SECTORS, DEMO_VERIFIERS } from '../../../shared/demo';
import type { Counter, Office, Officer, Role } from '../../../shared/domain';

const run = promisify(execFile);
const AT = '2026-01-02T00:00:00.000Z';

/** A real commune office of the pilot, as the province describes it in its import files. */
export const PILOT_OFFICE: Office = {
  id: 'office-donghung',
  agencyCode: '000.23.45.H56',
  level: 'commune',
  name: 'Bộ phận Một cửa UBND xã Đông Hưng',
  parentName: 'UBND tỉnh Hưng Yên',
  address: 'Thôn Nam, xã Đông Hưng, tỉnh Hưng Yên',
  phone: '0221 3860 456',
  updatedAt: AT,
};

export const PILOT_COUNTERS: Counter[] = [1, 2, 3].map((n) => ({
  id: `donghung-quay-${n}`,
  officeId: PILOT_OFFICE.id,
  name: `Quầy số ${n}`,
  updatedAt: AT,
}));

/** The pilot's six officers: one per counter (receive, appraise, seal), the leader, supervisor, admin. */
export const PILOT_ACCOUNTS: { username: string; fullName: string; roles: Role[] }[] = [
  { username: 'lan.quay1', fullName: 'Nguyễn Thị Lan', roles: ['receiver', 'appraiser', 'sealer'] },
  { username: 'hoa.quay2', fullName: 'Trần Thị Hoa', roles: ['receiver', 'appraiser', 'sealer'] },
  { username: 'nam.quay3', fullName: 'Lê Văn Nam', roles: ['receiver', 'appraiser', 'sealer'] },
  { username: 'chutich', fullName: 'Phạm Văn Hải', roles: ['approver'] },
  { username: 'truongbp', fullName: 'Vũ Thị Mai', roles: ['supervisor'] },
  { username: 'it.xa', fullName: 'Đỗ Văn Tùng', roles: ['admin'] },
];
/**
 * Imported with a precomputed verifier of this password (the demo's argon2id verifier: the
 * parameters and salt travel with it, so it checks the same password for any officer).
 */
export const PILOT_PASSWORD = DEMO_PASSWORD;

function pilotOfficers(): Officer[] {
  const verifier = DEMO_VERIFIERS.tiepnhan;
  if (!verifier) throw new Error('verifier missing');
  return PILOT_ACCOUNTS.map((a) => ({
    id: `donghung-${a.username}`,
    officeId: PILOT_OFFICE.id,
    username: a.username,
    fullName: a.fullName,
    title: 'Công chức',
    roles: a.roles,
    active: true,
    verifier,
    updatedAt: AT,
  }));
}

/** Two sectors of the province's catalogue and their procedures. */
const PILOT_SECTOR_IDS = ['sec-hotich', 'sec-chungthuc'];

/** The import files IT staff would write, one per collection, in a temporary folder. */
export function writePilotImportFiles(): Record<
  'offices' | 'counters' | 'sectors' | 'procedures' | 'officers',
  string
> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-pilot-'));
  const files = {
    offices: [PILOT_OFFICE],
    counters: PILOT_COUNTERS,
    sectors: DEMO_SECTORS.filter((s) => PILOT_SECTOR_IDS.includes(s.id)),
    procedures: DEMO_PROCEDURES.filter((p) => PILOT_SECTOR_IDS.includes(p.sectorId)),
    officers: pilotOfficers(),
  };
  return Object.fromEntries(
    Object.entries(files).map(([collection, docs]) => {
      const path = join(dir, `${collection}.json`);
      writeFileSync(path, JSON.stringify(docs, null, 2));
      return [collection, path];
    }),
  ) as ReturnType<typeof writePilotImportFiles>;
}

/**
 * The province's CLI (server/cli.ts), run as a child process the way IT staff run it on the server
 * machine, against the test server's database. Answers its standard output.
 */
export async function provinceCli(databaseUrl: string, args: string[]): Promise<string> {
  const { stdout } = await run(join('node_modules', '.bin', 'tsx'), ['server/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    timeout: 120_000,
  });
  return stdout;
}

/** `enrol-code --office --counter`: the one-time code printed for that counter. */
export async function issueCounterCode(databaseUrl: string, counterId: string): Promise<string> {
  const out = await provinceCli(databaseUrl, [
    'enrol-code',
    '--office',
    PILOT_OFFICE.id,
    '--counter',
    counterId,
  ]);
  const code = /: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\s/.exec(out)?.[1];
  if (!code) throw new Error(`no enrolment code in: ${out}`);
  return code;
}

/** `officer-password --one-time`: the province gives an officer a password to change at first login. */
export async function issueOneTimePassword(databaseUrl: string, username: string): Promise<string> {
  const officerId = `donghung-${username}`;
  const out = await provinceCli(databaseUrl, ['officer-password', '--officer', officerId, '--one-time']);
  const match = /one-time password for officer \S+: (\S+)/.exec(out);
  if (!match?.[1]) throw new Error(`no one-time password in: ${out}`);
  return match[1];
}
