/**
 * Dossiers written straight into a test server's store, as another counter of the office would
 * have pushed them (their events and the dossier, re-decided by the server's push checks): ones a
 * counter under test has not pulled.
 */
import { randomUUID } from 'node:crypto';
import { toDossierDoc } from '../../renderer/db/dossier-doc';
import type { Device } from '../../server/devices/device';
import type { Stores } from '../../server/stores';
import type { Dossier, DossierEvent, Role } from '../../shared/domain';
import { DEMO_OFFICE, DEMO_PROCEDURES, demoOfficers } from '../../shared/demo';
import type { PushRow } from '../../shared/sync/contract';
import type { WorkflowCommandInput } from '../../shared/workflow/commands';
import { decide, type Actor } from '../../shared/workflow/decide';

export interface SeededApplicant {
  fullName: string;
  idNumber: string;
  phone: string;
  address: string;
}

const HOUR = 3_600_000;

/** The demo office's officer acting in `role` at `counterId`. */
function actorOf(role: Role, counterId: string): Actor {
  const officer = demoOfficers().find((o) => o.officeId === DEMO_OFFICE.id && o.roles.includes(role));
  if (!officer) throw new Error(`the demo office has no ${role}`);
  return {
    officerId: officer.id,
    name: officer.fullName,
    roles: officer.roles,
    actingRole: role,
    counterId,
    officeId: DEMO_OFFICE.id,
  };
}

/** The citizen's visit: the receive command of a dossier received at `at`. */
function receiveCommand(
  id: string,
  opts: { counterId: string; code: string; applicant: SeededApplicant },
  at: Date,
): WorkflowCommandInput {
  const procedure = DEMO_PROCEDURES[0]!;
  return {
    type: 'receive',
    eventId: randomUUID(),
    dossierId: id,
    officeId: DEMO_OFFICE.id,
    counterId: opts.counterId,
    procedureId: procedure.id,
    procedureCode: procedure.code,
    procedureName: procedure.name,
    sectorId: procedure.sectorId,
    channel: 'counter',
    applicant: { kind: 'individual', taxCode: '', email: '', ...opts.applicant },
    documents: [],
    receivedAt: at.toISOString(),
    notes: '',
    code: opts.code,
    clockStartAt: at.toISOString(),
    dueAt: new Date(at.getTime() + 72 * HOUR).toISOString(),
  };
}

/** What follows the receipt up to the return of the result, one hour apart, and who does each. */
function stepsToReturn(id: string, applicant: SeededApplicant, at: Date): [Role, WorkflowCommandInput][] {
  const envelope = () => ({ dossierId: id, officeId: DEMO_OFFICE.id, eventId: randomUUID() });
  return [
    [
      'appraiser',
      { type: 'appraise', ...envelope(), checklist: [{ label: 'Hồ sơ hợp lệ', ok: true }], notes: '' },
    ],
    ['approver', { type: 'approve', ...envelope(), comment: '' }],
    [
      'sealer',
      {
        type: 'seal',
        ...envelope(),
        result: {
          documentType: 'Bản sao chứng thực',
          number: `${id.slice(0, 4)}/CT`,
          date: at.toISOString().slice(0, 10),
          signer: 'Trần Văn Hùng',
        },
      },
    ],
    [
      'receiver',
      {
        type: 'return_result',
        ...envelope(),
        collector: { name: applicant.fullName, idNumber: applicant.idNumber, relation: 'self' },
        returnedAt: new Date(at.getTime() + 4 * HOUR).toISOString(),
        rating: null,
        earliness: 'early',
      },
    ],
  ];
}

/**
 * Decides a dossier's commands in order, the first at `at` and each next one an hour later, as the
 * office's officers at `counterId` did them.
 */
function decideAll(
  commands: [Role, WorkflowCommandInput][],
  counterId: string,
  at: Date,
): { dossier: Dossier; events: DossierEvent[] } {
  let dossier: Dossier | null = null;
  const events: DossierEvent[] = [];
  for (const [i, [role, command]] of commands.entries()) {
    const now = new Date(at.getTime() + i * HOUR).toISOString();
    const decided = decide(dossier, command, actorOf(role, counterId), now);
    if (!decided.ok) throw new Error(`${command.type}: ${decided.error.code} ${decided.error.message}`);
    dossier = decided.dossier;
    events.push(decided.event);
  }
  if (!dossier) throw new Error('no command');
  return { dossier, events };
}

/** Pushes the events, then the dossier, as the office's counter `counterId` would. */
async function push(
  store: Stores,
  counterId: string,
  made: { dossier: Dossier; events: DossierEvent[] },
): Promise<void> {
  const device: Device = {
    id: `seed-${counterId}`,
    officeId: DEMO_OFFICE.id,
    counterId,
    role: 'counter',
    name: `seed ${counterId}`,
  };
  const rows = (docs: readonly object[]) =>
    docs.map(
      (doc) => ({ newDocumentState: { ...doc, _deleted: false }, assumedMasterState: null }) as PushRow,
    );
  for (const [collection, docs] of [
    ['dossier_events', made.events],
    ['dossiers', [toDossierDoc(made.dossier)]],
  ] as const) {
    const res = await store.replication.push(device, collection, rows(docs));
    if (res.rejected.length) throw new Error(`seed ${collection}: ${JSON.stringify(res.rejected)}`);
  }
}

/** Pushes a dossier received now at `counterId` of the demo office; answers its id and code. */
export async function pushReceivedDossier(
  store: Stores,
  opts: { counterId: string; code: string; applicant: SeededApplicant },
): Promise<{ id: string; code: string }> {
  const id = randomUUID();
  await push(
    store,
    opts.counterId,
    decideAll([['receiver', receiveCommand(id, opts, new Date())]], opts.counterId, new Date()),
  );
  return { id, code: opts.code };
}

/**
 * Pushes a dossier received at `at` at `counterId` of the demo office and taken through every step
 * to the return of its result the same day (closed since then); answers its id and code.
 */
export async function pushReturnedDossier(
  store: Stores,
  opts: { counterId: string; code: string; applicant: SeededApplicant; at: Date },
): Promise<{ id: string; code: string }> {
  const id = randomUUID();
  const commands: [Role, WorkflowCommandInput][] = [
    ['receiver', receiveCommand(id, opts, opts.at)],
    ...stepsToReturn(id, opts.applicant, opts.at),
  ];
  await push(store, opts.counterId, decideAll(commands, opts.counterId, opts.at));
  return { id, code: opts.code };
}
