import type { z } from 'zod';
import type { Officer } from '../../../shared/domain';
import {
  COUNTER_CHANGE_REFUSALS,
  counterChangeRefusedSchema,
  issuedCodeResponseSchema,
  officeCountersResponseSchema,
  revokedResponseSchema,
  signCounterChange,
  type CounterChange,
} from '../../../shared/officers';
import { errorBodySchema } from '../../../shared/sync/contract';
import { signingSeed, verifyPassword } from '../../auth';
import { fail, randomId } from '../../app/random-id';
import type { ServerCredential } from '../officers/outbox';
import type { CountersService, CountersSigner } from './service';

export interface CountersDeps {
  /** The officer as this counter knows them (their current verifier). */
  officer(id: string): Promise<Officer | null>;
  /** The counter's sync credential, or null while it has none. */
  credential(): Promise<ServerCredential | null>;
  fetch?: typeof fetch;
  now?: () => Date;
}

type Ask =
  | { kind: 'list' }
  | Omit<Extract<CounterChange, { kind: 'issue_code' }>, 'id' | 'actorId' | 'at'>
  | Omit<Extract<CounterChange, { kind: 'revoke_device' }>, 'id' | 'actorId' | 'at'>;

export function createCountersService(deps: CountersDeps): CountersService {
  const now = deps.now ?? (() => new Date());
  const doFetch = deps.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));

  /** Signs `ask` as `signer`, sends it, answers the parsed body or throws the refusal's key. */
  async function send<T>(signer: CountersSigner, ask: Ask, schema: z.ZodType<T>): Promise<T> {
    const credential = (await deps.credential()) ?? fail('counters.error.not_connected');
    if (typeof navigator !== 'undefined' && navigator.onLine === false) fail('counters.error.offline');
    const change = {
      ...ask,
      id: randomId(),
      actorId: signer.actor.id,
      at: now().toISOString(),
    } as CounterChange;
    const signed = signCounterChange(change, signer.seed);
    let res: Response;
    try {
      res = await doFetch(`${credential.serverUrl}/office/counters`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential.token}` },
        body: JSON.stringify(signed),
      });
    } catch {
      return fail('counters.error.offline');
    }
    const body: unknown = await res.json().catch(() => null);
    if (res.ok) return schema.parse(body);
    const refused = counterChangeRefusedSchema.safeParse(body);
    if (refused.success && COUNTER_CHANGE_REFUSALS.includes(refused.data.reason))
      return fail(`counters.refused.${refused.data.reason}`);
    const error = errorBodySchema.safeParse(body);
    if (error.success && error.data.error === 'revoked') return fail('counters.error.revoked');
    console.warn('counters: the server refused the request', res.status, body);
    return fail('counters.error.server');
  }

  return {
    async unlock(officerId, password) {
      const actor = (await deps.officer(officerId)) ?? fail('counters.refused.unknown_officer');
      if (!actor.verifier || !(await verifyPassword(actor.verifier, password)))
        fail('counters.error.wrong_password');
      return { actor, seed: await signingSeed(password, actor.verifier!) };
    },
    list: (signer) => send(signer, { kind: 'list' }, officeCountersResponseSchema),
    issueCode: (signer, counterId, ttlMinutes) =>
      send(signer, { kind: 'issue_code', counterId, ttlMinutes }, issuedCodeResponseSchema),
    async revoke(signer, deviceId, reason) {
      await send(signer, { kind: 'revoke_device', deviceId, reason }, revokedResponseSchema);
    },
  };
}
