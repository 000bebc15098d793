import type { Officer } from '../../../shared/domain';
import {
  applyChange,
  generateOneTimePassword,
  refusalOf,
  signChange,
  type OfficerChange,
} from '../../../shared/officers';
import { createCredentials, passwordProblem, signingSeed, verifyPassword } from '../../auth';
import { fail, randomId } from '../../app/random-id';
import type { OfficerRecords } from './records';
import type { OfficerOutbox } from './outbox';
import type { OfficersService } from './service';

export interface OfficersDeps {
  records: OfficerRecords;
  outbox: OfficerOutbox;
  /** Web mode: (re)wraps the open data key for this officer's new password; nothing on the desktop. */
  wrapDataKey(officer: Officer, password: string): Promise<void>;
  now?: () => Date;
}

export function createOfficersService(deps: OfficersDeps): OfficersService {
  const { records, outbox } = deps;
  const now = deps.now ?? (() => new Date());

  /** The acting officer, checked against the password they just typed; their signing seed. */
  async function actingOfficer(id: string, password: string): Promise<{ actor: Officer; seed: Uint8Array }> {
    const actor = (await records.get(id)) ?? fail('officers.refused.unknown_officer');
    if (!actor.verifier || !(await verifyPassword(actor.verifier, password))) fail('officers.wrong_password');
    return { actor, seed: await signingSeed(password, actor.verifier!) };
  }

  /** Checks, signs, applies here and queues one change; answers the officer after it. */
  async function commit(
    change: OfficerChange,
    actor: Officer,
    seed: Uint8Array,
    afterWrap?: { password: string },
  ): Promise<Officer> {
    const target = (await records.get(change.officerId)) ?? fail('officers.refused.unknown_officer');
    const refusal = refusalOf(change, actor, target, actor.officeId);
    if (refusal) fail(`officers.refused.${refusal}`);
    const signed = signChange(change, seed);
    const updated = applyChange(target, change, change.at);
    // The new password opens the data key before it becomes the officer's password here.
    if (afterWrap) await deps.wrapDataKey(updated, afterWrap.password);
    await records.putLocal(updated, change.id);
    await outbox.add(signed);
    void outbox.flush();
    return updated;
  }

  return {
    list: () => records.list(),

    async resetPassword(session, officerId, adminPassword) {
      const { actor, seed } = await actingOfficer(session.officer.id, adminPassword);
      if (officerId === actor.id) fail('officers.refused.self');
      const oneTime = generateOneTimePassword();
      const { verifier, signingKey } = await createCredentials(oneTime);
      const at = now().toISOString();
      await commit(
        { kind: 'reset_password', id: randomId(), officerId, actorId: actor.id, at, verifier, signingKey },
        actor,
        seed,
        { password: oneTime },
      );
      return oneTime;
    },

    async setActive(session, officerId, active, adminPassword) {
      const { actor, seed } = await actingOfficer(session.officer.id, adminPassword);
      if (officerId === actor.id) fail('officers.refused.self');
      const at = now().toISOString();
      await commit(
        { kind: 'set_active', id: randomId(), officerId, actorId: actor.id, at, active },
        actor,
        seed,
      );
    },

    async changePassword(officer, currentPassword, newPassword) {
      const problem = passwordProblem(newPassword, officer.username, currentPassword);
      if (problem) fail(problem);
      const { actor, seed } = await actingOfficer(officer.id, currentPassword);
      const { verifier, signingKey } = await createCredentials(newPassword);
      const at = now().toISOString();
      return commit(
        {
          kind: 'set_password',
          id: randomId(),
          officerId: actor.id,
          actorId: actor.id,
          at,
          verifier,
          signingKey,
        },
        actor,
        seed,
        { password: newPassword },
      );
    },

    outbox: () => outbox.state(),
    onChange: (listener) => records.onChange(listener),
  };
}
