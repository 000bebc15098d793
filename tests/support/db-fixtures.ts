import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { decide, type Actor } from '../../shared/workflow';
import type { Role } from '../../shared/domain';
import { createCounterDatabase, type CounterDatabase } from '../../renderer/db';
import { BIRTH_PROCEDURE } from './workflow-fixtures';

export const OFFICE_ID = 'office-vt';
export const COUNTER_ID = 'counter-1';

/** A database key as the platform gives it (base64 of 32 bytes). */
export const TEST_KEY = 'dGVzdC1rZXktMzItYnl0ZXMtLS0tLS0tLS0tLS0tLS0=';

let n = 0;
export async function openMemoryDb(name = `t${Date.now()}${n++}`): Promise<CounterDatabase> {
  return createCounterDatabase({ name, storage: getRxStorageMemory(), key: TEST_KEY });
}

export function actor(role: Role, officerId = `officer-${role}`): Actor {
  return {
    officerId,
    name: `Cán bộ ${role}`,
    roles: [role],
    actingRole: role,
    counterId: COUNTER_ID,
    officeId: OFFICE_ID,
  };
}

export function receiveCommand(
  dossierId: string,
  opts: {
    fullName?: string;
    code?: string;
    idNumber?: string;
    phone?: string;
    receivedAt?: string;
    dueAt?: string;
  } = {},
) {
  const receivedAt = opts.receivedAt ?? '2026-03-02T02:00:00.000Z';
  return {
    type: 'receive' as const,
    dossierId,
    officeId: OFFICE_ID,
    counterId: COUNTER_ID,
    ...BIRTH_PROCEDURE,
    channel: 'counter' as const,
    applicant: {
      kind: 'individual' as const,
      fullName: opts.fullName ?? 'Nguyễn Văn An',
      idNumber: opts.idNumber ?? '034095001234',
      taxCode: '',
      phone: opts.phone ?? '0912345678',
      email: '',
      address: 'Xã Tân Phong, huyện Vũ Thư, tỉnh Thái Bình',
    },
    documents: [
      { documentId: 'doc-1', name: 'Tờ khai đăng ký khai sinh', copyType: 'original' as const, count: 1 },
    ],
    receivedAt,
    notes: '',
    code: opts.code ?? '000.17.22.H56-260302-0001',
    clockStartAt: receivedAt,
    dueAt: opts.dueAt ?? '2026-03-05T10:00:00.000Z',
  };
}

/** Dossier `id` received at the counter (the fixture applicant by default), with its first event. */
export function receivedDossier(id: string, applicant: Parameters<typeof receiveCommand>[1] = {}) {
  const decided = decide(null, receiveCommand(id, applicant), actor('receiver'), '2026-03-02T02:00:00.000Z');
  if (!decided.ok) throw new Error('decide failed');
  return decided;
}
