import type { FastifyRequest } from 'fastify';
import type { AdminIdentity, AuditEntry } from '../../server/catalogue/admin-auth';

/**
 * A stand-in for the console's sign-in in tests of the console's route plugins: the request names
 * its admin in `x-test-admin` ("<adminId>" for a province admin, "<adminId>@<officeId>" for an
 * office's). No header: not signed in.
 */
export const TEST_ADMIN_HEADER = 'x-test-admin';

export async function testAdminAuth(request: FastifyRequest): Promise<AdminIdentity | null> {
  const value = request.headers[TEST_ADMIN_HEADER];
  if (typeof value !== 'string' || value === '') return null;
  const [adminId = '', officeId] = value.split('@');
  return { adminId, officeId: officeId ?? null };
}

/** An audit log kept in memory: what the plugins reported, in order. */
export function memoryAudit(): { entries: AuditEntry[]; write(entry: AuditEntry): Promise<void> } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    async write(entry) {
      entries.push(structuredClone(entry));
    },
  };
}
