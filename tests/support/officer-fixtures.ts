import type { Officer } from '../../shared/domain';

/**
 * Officer Lan, a receiver of office-1, with no password state beyond `verifier` (none unless given):
 * the record the auth and storage tests start from. Fields given replace hers.
 */
export function officerLan(fields: Partial<Officer> = {}): Officer {
  return {
    id: 'o-lan',
    officeId: 'office-1',
    username: 'lan',
    fullName: 'Phạm Thị Lan',
    title: '',
    roles: ['receiver'],
    active: true,
    verifier: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}
