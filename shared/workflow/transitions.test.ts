import { describe, expect, it } from 'vitest';
import type { Dossier, DossierEvent, DossierStatus, Role } from '../domain';
import { DOSSIER_STATUSES, ROLES, dossierSchema } from '../domain';
import { availableCommands, needsActionFrom } from './available';
import { replay, validateHistory, verifyChain } from './chain';
import { decide } from './decide';
import { actorFor, at, dossierIn, sampleCommand } from '../../tests/support/workflow-fixtures';
import { deepFreeze } from './hash';
import {
  COMMAND_TYPES,
  CREATING_COMMANDS,
  FINAL_STATUSES,
  NEEDS_ROLE,
  TRANSITIONS,
  targetStatus,
} from './transitions';
import type { CommandType } from './transitions';

/**
 * The whole transition table, generated from TRANSITIONS: every command × every status (and "no
 * dossier yet") × every role. Allowed cells must succeed with a valid, verifiable event; every other
 * cell must be refused with the right reason.
 */

const STARTS: (DossierStatus | null)[] = [null, ...DOSSIER_STATUSES];

function expectedRefusal(type: CommandType, dossier: Dossier | null, role: Role): string | null {
  const spec = TRANSITIONS[type];
  const status = dossier?.status ?? null;
  const creating = spec.from.includes(null);
  if (status === null && !creating) return 'workflow.dossier_not_found';
  if (status !== null && creating) return 'workflow.dossier_exists';
  if (
    status !== null &&
    (FINAL_STATUSES as readonly string[]).includes(status) &&
    !spec.from.includes(status)
  )
    return 'workflow.dossier_final';
  if (!spec.from.includes(status)) return 'workflow.transition_not_allowed';
  if (!spec.roles.includes(role)) return 'workflow.role_not_allowed';
  // The sample returned dossier was rated at the return: a second rating is refused (rate.test.ts).
  if (type === 'rate' && dossier?.rating !== null) return 'workflow.already_rated';
  return null;
}

const fixtures = new Map<DossierStatus, { dossier: Dossier; events: DossierEvent[] }>(
  DOSSIER_STATUSES.map((status) => [status, dossierIn(status)]),
);

function start(status: DossierStatus | null): { dossier: Dossier | null; events: DossierEvent[] } {
  return status === null
    ? { dossier: null, events: [] }
    : (fixtures.get(status) as { dossier: Dossier; events: DossierEvent[] });
}

describe.each(COMMAND_TYPES)('%s', (type) => {
  it.each(STARTS.map((status) => [String(status), status] as const))(
    'from %s, every role',
    (_label, status) => {
      const { dossier, events } = start(status);
      const before = JSON.stringify(dossier);
      for (const role of ROLES) {
        // Frozen inputs: decide() must never write to what it is given.
        const command = deepFreeze(sampleCommand(type, dossier, events.length));
        const actor = deepFreeze(actorFor(role));
        const result = decide(dossier, command, actor, at(events.length));
        const refusal = expectedRefusal(type, dossier, role);
        const offered = availableCommands(dossier, [role]).includes(type);

        if (refusal !== null) {
          expect(result.ok, `${type} from ${String(status)} by ${role}`).toBe(false);
          if (!result.ok)
            expect(result.error.code, `${type} from ${String(status)} by ${role}`).toBe(refusal);
          expect(offered, `${type} offered from ${String(status)} to ${role}`).toBe(false);
          continue;
        }

        if (!result.ok) throw new Error(`${type} from ${String(status)} by ${role}: ${result.error.code}`);
        expect(offered, `${type} offered from ${String(status)} to ${role}`).toBe(true);
        const to = targetStatus(type, status);
        expect(result.dossier.status).toBe(to);
        expect(result.dossier.assigneeRole).toBe(NEEDS_ROLE[to][0] ?? null);
        expect(dossierSchema.safeParse(result.dossier).success).toBe(true);
        expect(result.event).toMatchObject({
          type,
          from: status,
          to,
          seq: events.length + 1,
          prevHash: events.at(-1)?.hash ?? '',
          actorRole: role,
          actorId: `officer-${role}`,
          dossierId: 'dossier-1',
          officeId: 'office-1',
        });
        expect(result.dossier.eventCount).toBe(result.event.seq);
        expect(result.dossier.lastEventHash).toBe(result.event.hash);
        expect(Object.isFrozen(result.dossier) && Object.isFrozen(result.dossier.applicant)).toBe(true);
        expect(Object.isFrozen(result.event) && Object.isFrozen(result.event.payload)).toBe(true);

        const history = [...events, result.event];
        expect(verifyChain(history, { head: result.dossier.lastEventHash })).toEqual({ ok: true });
        const validated = validateHistory(history);
        expect(validated.ok).toBe(true);
        expect(replay(history)).toEqual(result.dossier);
      }
      expect(JSON.stringify(dossier)).toBe(before);
    },
  );
});

describe('the table itself', () => {
  it('is the table of the brief, written out by hand', () => {
    const active = ['received', 'supplement_requested', 'appraised', 'approved', 'transferred'];
    const nonFinal = [...active, 'incomplete', 'refused', 'sealed'];
    const written: Record<CommandType, [(DossierStatus | null)[], DossierStatus | 'same', Role[]]> = {
      receive: [[null], 'received', ['receiver']],
      record_incomplete: [[null], 'incomplete', ['receiver']],
      refuse_intake: [[null], 'refused_intake', ['receiver']],
      complete_intake: [['incomplete'], 'received', ['receiver']],
      appraise: [['received'], 'appraised', ['appraiser']],
      request_supplement: [['received'], 'supplement_requested', ['appraiser']],
      supplement_received: [['supplement_requested'], 'received', ['receiver']],
      refuse: [['received', 'appraised'], 'refused', ['appraiser', 'approver']],
      return_to_appraisal: [['appraised'], 'received', ['approver']],
      approve: [['appraised'], 'approved', ['approver']],
      seal: [['approved'], 'sealed', ['sealer']],
      transfer: [['received', 'appraised'], 'transferred', ['receiver', 'appraiser']],
      transfer_back: [['transferred'], 'sealed', ['receiver']],
      return_result: [['sealed', 'refused'], 'returned', ['receiver']],
      rate: [['returned'], 'same', ['receiver']],
      apologize_extend: [active as DossierStatus[], 'same', ['approver', 'supervisor']],
      withdraw: [active as DossierStatus[], 'withdrawn', ['receiver']],
      stop: [active as DossierStatus[], 'stopped', ['approver', 'supervisor']],
      edit_details: [nonFinal as DossierStatus[], 'same', ['receiver', 'supervisor']],
      attach_scan: [nonFinal as DossierStatus[], 'same', ['receiver', 'sealer']],
    };
    for (const type of COMMAND_TYPES) {
      const [from, to, roles] = written[type];
      expect(
        {
          from: [...TRANSITIONS[type].from].map(String).sort(),
          to: TRANSITIONS[type].to,
          roles: [...TRANSITIONS[type].roles].sort(),
        },
        type,
      ).toEqual({
        from: from.map(String).sort(),
        to,
        roles: [...roles].sort(),
      });
    }
  });

  it('creating commands are exactly the three intake outcomes', () => {
    expect([...CREATING_COMMANDS].sort()).toEqual(['receive', 'record_incomplete', 'refuse_intake']);
  });

  it('final statuses accept nothing, for any role (a rated return included)', () => {
    for (const status of FINAL_STATUSES) {
      expect(availableCommands(fixtures.get(status)?.dossier ?? null, ROLES)).toEqual([]);
      expect(NEEDS_ROLE[status]).toEqual([]);
    }
  });

  it('whoever a status waits for can move it on', () => {
    for (const status of DOSSIER_STATUSES) {
      const dossier = fixtures.get(status)?.dossier ?? null;
      for (const role of NEEDS_ROLE[status]) {
        const moving = availableCommands(dossier, [role]).filter((type) => TRANSITIONS[type].to !== 'same');
        expect(moving.length, `${status} waits for ${role}`).toBeGreaterThan(0);
        expect(needsActionFrom({ status }, [role])).toBe(true);
      }
    }
  });

  it('routes the five on-site steps to the roles of the counter', () => {
    expect(NEEDS_ROLE.received).toEqual(['appraiser']);
    expect(NEEDS_ROLE.appraised).toEqual(['approver']);
    expect(NEEDS_ROLE.approved).toEqual(['sealer']);
    expect(NEEDS_ROLE.sealed).toEqual(['receiver']);
    expect(needsActionFrom({ status: 'received' }, ['receiver'])).toBe(false);
    expect(availableCommands(null, ['receiver'])).toEqual(['receive', 'record_incomplete', 'refuse_intake']);
    expect(availableCommands(null, ['approver'])).toEqual([]);
    expect(availableCommands(fixtures.get('appraised')?.dossier ?? null, ['approver'])).toEqual([
      'refuse',
      'return_to_appraisal',
      'approve',
      'apologize_extend',
      'stop',
    ]);
  });

  it('an officer with several roles sees the union, but acts in one role at a time', () => {
    const { dossier } = fixtures.get('received') as { dossier: Dossier };
    expect(availableCommands(dossier, ['receiver', 'appraiser'])).toEqual(
      expect.arrayContaining(['appraise', 'transfer', 'withdraw', 'edit_details']),
    );
    const both = actorFor('receiver', { roles: ['receiver', 'appraiser'] });
    const asReceiver = decide(dossier, sampleCommand('appraise', dossier), both, at(1));
    expect(asReceiver.ok ? '' : asReceiver.error.code).toBe('workflow.role_not_allowed');
    const asAppraiser = decide(
      dossier,
      sampleCommand('appraise', dossier),
      { ...both, actingRole: 'appraiser' },
      at(1),
    );
    expect(asAppraiser.ok).toBe(true);
  });
});
