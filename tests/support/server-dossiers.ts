/**
 * A dossier written straight into a test server's store, as another counter of the office would
 * have pushed it (a received dossier and its event, re-decided by the server's push checks): one a
 * counter under test has not pulled.
 */
import { randomUUID } from 'node:crypto';
import { toDossierDoc } from '../../renderer/db/dossier-doc';
import type { Device } from '../../server/devices/device';
import type { Stores } from '../../server/stores';
import { DEMO_OFFICE, DEMO_PROCEDURES, demoOfficers } from '../../shared/demo';
import type { PushRow } from '../../shared/sync/contract';
import { decide } from '../../shared/workflow/decide';

/** Pushes a dossier received now at `counterId` of the demo office; answers its id and code. */
export async function pushReceivedDossier(
  store: Stores,
  opts: {
    counterId: string;
    code: string;
    applicant: { fullName: string; idNumber: string; phone: string; address: string };
  },
): Promise<{ id: string; code: string }> {
  const procedure = DEMO_PROCEDURES[0]!;
  const receiver = demoOfficers().find((o) => o.officeId === DEMO_OFFICE.id && o.roles.includes('receiver'));
  if (!receiver) throw new Error('the demo office has no receiver');
  const now = new Date();
  const id = randomUUID();
  const decided = decide(
    null,
    {
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
      receivedAt: now.toISOString(),
      notes: '',
      code: opts.code,
      clockStartAt: now.toISOString(),
      dueAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
    },
    {
      officerId: receiver.id,
      name: receiver.fullName,
      roles: receiver.roles,
      actingRole: 'receiver',
      counterId: opts.counterId,
      officeId: DEMO_OFFICE.id,
    },
    now.toISOString(),
  );
  if (!decided.ok) throw new Error(`receive: ${decided.error.code} ${decided.error.message}`);
  const device: Device = {
    id: `seed-${opts.counterId}`,
    officeId: DEMO_OFFICE.id,
    counterId: opts.counterId,
    role: 'counter',
    name: `seed ${opts.counterId}`,
  };
  const row = (doc: object) =>
    ({ newDocumentState: { ...doc, _deleted: false }, assumedMasterState: null }) as PushRow;
  for (const [collection, doc] of [
    ['dossier_events', decided.event],
    ['dossiers', toDossierDoc(decided.dossier)],
  ] as const) {
    const res = await store.replication.push(device, collection, [row(doc)]);
    if (res.rejected.length) throw new Error(`seed ${collection}: ${JSON.stringify(res.rejected)}`);
  }
  return { id, code: opts.code };
}
