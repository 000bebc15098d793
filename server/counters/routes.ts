import type { FastifyInstance } from 'fastify';
import { signedCounterChangeSchema } from '../../shared/officers';
import { counterRequest } from '../devices/auth';
import { CounterChangeRefused, type OfficeCounters } from './store';

const MESSAGES: Record<string, string> = {
  unknown_officer: 'the signing officer is not on the roster',
  other_office: 'the signing officer is not of this counter’s office',
  actor_inactive: 'the signing officer is inactive',
  not_admin: 'the signing officer is not an admin of the office',
  no_signing_key: 'the signing officer has no signing key',
  bad_signature: 'the signature is not the officer’s',
  stale: 'the request is too far from the server’s clock',
  duplicate: 'this request was already received',
  unknown_counter: 'no such counter in this office',
  unknown_device: 'no such active device in this office',
  own_device: 'a counter cannot revoke itself',
  too_long: 'an enrolment code is valid at most 7 days',
};

/**
 * POST /office/counters: an office admin's signed request about the office's counters, from a
 * counter PC (device token: which office; the signature: which admin). `list` answers the counters
 * and their PCs, `issue_code` an enrolment code, `revoke_device` the revocation. A refusal answers
 * 403/404/409 with its reason.
 */
export async function officeCounterRoutes(
  app: FastifyInstance,
  opts: { counters: OfficeCounters },
): Promise<void> {
  const { counters } = opts;
  app.post('/office/counters', async (req, reply) => {
    const request = counterRequest(req, reply, signedCounterChangeSchema);
    if (!request) return reply;
    const { device, body: signed } = request;
    try {
      switch (signed.change.kind) {
        case 'list':
          return await counters.list(device, signed);
        case 'issue_code':
          return await counters.issueCode(device, signed);
        case 'revoke_device':
          return await counters.revoke(device, signed);
      }
    } catch (error) {
      if (!(error instanceof CounterChangeRefused)) throw error;
      const code = error.status === 404 ? 'not_found' : 'forbidden';
      return reply
        .code(error.status)
        .send({ error: code, reason: error.reason, message: MESSAGES[error.reason] ?? error.reason });
    }
  });
}
