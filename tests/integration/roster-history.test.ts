// The province's roster over time: a counter's events are decided with the roles their officer held
// when they were made. A step taken offline stands after the province removes the role; a step
// dated before the role was given is refused with its reason. The roster changes through the
// documented command (`tsx server/cli.ts import --collection officers`), the events through the
// counter's own replication client.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Dossier, DossierEvent, Role } from '../../shared/domain';
import type { CommandType } from '../../shared/workflow/transitions';
import { toDossierDoc } from '../../renderer/db/dossier-doc';
import { record } from '../support/hostile';
import { useSyncServer } from '../support/sync-fixture';
import { act, OFFICE_A, officerId, type TestCounter } from './harness';

const sync = useSyncServer();
const folder = mkdtempSync(path.join(tmpdir(), 'motcua-roster-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const officer = (role: Role, roles: Role[]) => ({
  id: officerId(OFFICE_A, role),
  officeId: OFFICE_A,
  username: `${OFFICE_A}.${role}`,
  fullName: `Cán bộ ${role}`,
  title: '',
  roles,
  active: true,
  verifier: null,
  updatedAt: new Date().toISOString(),
});

/** The province's documented command, against the test server's database. */
async function provinceImportsOfficers(docs: unknown[]): Promise<void> {
  const file = path.join(folder, `officers-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(docs));
  const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const { stdout } = await promisify(execFile)(
    tsx,
    ['server/cli.ts', 'import', '--collection', 'officers', '--file', file],
    { env: { ...process.env, DATABASE_URL: sync.server.pgUrl } },
  );
  expect(stdout).toContain(`${docs.length} written`);
}

/** What the server holds of a dossier: its events and its document. */
async function onServer(dossierId: string): Promise<{ events: DossierEvent[]; dossier?: Dossier }> {
  const { replication } = sync.server.store;
  const events = (await replication.fingerprint('dossier_events', OFFICE_A))
    .map((j) => JSON.parse(j) as DossierEvent)
    .filter((e) => e.dossierId === dossierId);
  const dossier = (await replication.fingerprint('dossiers', OFFICE_A))
    .map((j) => JSON.parse(j) as Dossier)
    .find((d) => d.id === dossierId);
  return { events, dossier };
}

/** Stores events recorded elsewhere in the counter's replica, as its step writes would. */
async function recordOnCounter(counter: TestCounter, events: DossierEvent[], dossier: Dossier) {
  await counter.db.dossier_events.bulkInsert(events.map((e) => ({ ...e })));
  await counter.db.dossiers.upsert(toDossierDoc(dossier));
}

describe("events are decided with the roster as it was at the event's time", () => {
  it('a step taken offline as appraiser is accepted after the province removed the role', async () => {
    const counter = await sync.counter(OFFICE_A, 'a1');
    const { dossier } = await act(counter, 'roster-offline', [
      ['receive', 'receiver'],
      ['appraise', 'appraiser'],
    ]);
    // Meanwhile the province takes the appraiser role from the officer (now a receiver only).
    await provinceImportsOfficers([officer('appraiser', ['receiver'])]);

    counter.connect(sync.server.url);
    const summary = await counter.sync!.endOfDaySync(30_000);
    expect(summary.rejected).toEqual([]);
    const held = await onServer(dossier.id);
    expect(held.events.map((e) => [e.type, e.actorId])).toEqual([
      ['receive', officerId(OFFICE_A, 'receiver')],
      ['appraise', officerId(OFFICE_A, 'appraiser')],
    ]);
    expect(held.dossier).toMatchObject({ status: 'appraised', eventCount: 2 });
    await counter.disconnect();
  });

  it('a step dated before its role was given is refused with the reason; one made after is accepted', async () => {
    // The receiver is made an approver too, from now on.
    await provinceImportsOfficers([officer('receiver', ['receiver', 'approver'])]);
    const granted = Date.now();
    const minutes = (n: number) => new Date(granted + n * 60_000).toISOString();
    const firstSteps: [CommandType, Role][] = [
      ['receive', 'receiver'],
      ['appraise', 'appraiser'],
    ];
    // Recorded at the harness's March dates: the receiver's approval predates the grant.
    const early = record('roster-before-grant', firstSteps);
    const earlyApproval = record(
      'roster-before-grant',
      [['approve', 'approver']],
      { officerRole: 'receiver' },
      early.dossier,
    );
    // Recorded from two minutes ago: the receiver's approval (the third step) just after the grant.
    const late = record('roster-after-grant', firstSteps, { at: minutes(-2) });
    const lateApproval = record(
      'roster-after-grant',
      [['approve', 'approver']],
      { officerRole: 'receiver', at: minutes(-3 + 1 / 60) },
      late.dossier,
    );
    const refused = earlyApproval.events[0]!;
    expect(refused.actorId).toBe(officerId(OFFICE_A, 'receiver'));
    expect(Date.parse(lateApproval.events[0]!.at)).toBeGreaterThan(granted);

    const counter = await sync.counter(OFFICE_A, 'a1');
    await recordOnCounter(counter, [...early.events, refused], earlyApproval.dossier);
    await recordOnCounter(counter, [...late.events, ...lateApproval.events], lateApproval.dossier);
    counter.connect(sync.server.url, { eventsWaitMs: 0 });
    const summary = await counter.sync!.endOfDaySync(30_000);

    const refusal = summary.rejected.find((r) => r.id === refused.id);
    expect(refusal).toMatchObject({ collection: 'dossier_events', reason: 'officer_not_in_office' });
    expect(refusal!.detail).toContain(
      `officer ${refused.actorId} does not hold the role approver in the province's roster at the event's time, ${refused.at}`,
    );
    expect((await onServer('roster-before-grant')).events.map((e) => e.type)).toEqual([
      'receive',
      'appraise',
    ]);

    const accepted = await onServer('roster-after-grant');
    expect(accepted.events.map((e) => [e.type, e.actorId])).toEqual([
      ['receive', officerId(OFFICE_A, 'receiver')],
      ['appraise', officerId(OFFICE_A, 'appraiser')],
      ['approve', officerId(OFFICE_A, 'receiver')],
    ]);
    expect(accepted.dossier).toMatchObject({ status: 'approved' });
    expect(summary.rejected.filter((r) => r.id.startsWith('roster-after-grant'))).toEqual([]);
    await counter.disconnect();
  });
});
