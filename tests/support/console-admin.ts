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
export function memoryAudit(): {
  entries: AuditEntry[];
  /** Makes the next write fail (the audit log unreachable), once. */
  failNext(): void;
  write(entry: AuditEntry): Promise<void>;
} {
  const entries: AuditEntry[] = [];
  let fail = false;
  return {
    entries,
    failNext: () => (fail = true),
    async write(entry) {
      if (fail) {
        fail = false;
        throw new Error('audit log unreachable');
      }
      entries.push(structuredClone(entry));
    },
  };
}
