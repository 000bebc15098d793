import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../calendar';
import type { Dossier, DossierEvent } from '../domain';
import { RULE_SET_2018, RULE_SET_2025, formRequiredFor, ruleSetOf, type RuleSet } from '../rules/rule-sets';
import { availableCommands } from './available';
import { validateHistory } from './chain';
import { decide } from './decide';
import { apologyDue, supplementInTime } from './deadlines';
import { clockRestartsOf, dueDateResetAllowed, supplementAllowed } from './rule-limits';
import { actorFor, code, ok, sampleCommand } from '../../tests/support/workflow-fixtures';
import type { CommandType } from './transitions';
import type { Role } from '../domain';

/**
 * Each dossier follows the rule set in force on its receipt date in Vietnam: 23:59 on 30 June 2025
 * is still Decree 61/2018, midnight on 1 July 2025 (17:00 UTC on 30 June) is Decree 118/2025.
 */
const LAST_2018 = '2025-06-30T16:59:00.000Z';
const FIRST_2025 = '2025-06-30T17:00:00.000Z';
const RECEIPTS: readonly [string, string, RuleSet][] = [
  ['received 30 June 2025 (23:59 Vietnam time)', LAST_2018, RULE_SET_2018],
  ['received 1 July 2025 (00:00 Vietnam time)', FIRST_2025, RULE_SET_2025],
];

const hours = (from: string, h: number) => new Date(Date.parse(from) + h * 3_600_000).toISOString();

/** A dossier received at `receivedAt` and walked through `steps`, as decide() records it. */
function walk(receivedAt: string, steps: readonly [CommandType, Role][]) {
  let dossier: Dossier | null = null;
  const events: DossierEvent[] = [];
  const receive = {
    ...sampleCommand('receive', null),
    receivedAt,
    clockStartAt: receivedAt,
    dueAt: hours(receivedAt, 72),
  };
  const first = ok(decide(null, receive, actorFor('receiver'), receivedAt));
  dossier = first.dossier;
  events.push(first.event);
  for (const [type, role] of steps) {
    const n = events.length;
    const base = sampleCommand(type, dossier, n) as Record<string, unknown>;
    const restart =
      type === 'supplement_received'
        ? { clockStartAt: hours(receivedAt, n), dueAt: hours(receivedAt, n + 72) }
        : {};
    const result = decide(dossier, { ...base, ...restart }, actorFor(role), hours(receivedAt, n));
    const decided = ok(result);
    dossier = decided.dossier;
    events.push(decided.event);
  }
  return { dossier, events };
}

const ONE_ROUND: readonly [CommandType, Role][] = [
  ['request_supplement', 'appraiser'],
  ['supplement_received', 'receiver'],
];

describe.each(RECEIPTS)('a dossier %s', (_, receivedAt, ruleSet) => {
  it(`is handled under rule set ${ruleSet.id}`, () => {
    const { dossier } = walk(receivedAt, []);
    expect(ruleSetOf(dossier)).toBe(ruleSet);
  });

  it(`restarts its clock at most ${ruleSet.maxClockRestarts} time(s): the next supplement is refused and not offered`, () => {
    const { dossier, events } = walk(receivedAt, ONE_ROUND);
    expect(clockRestartsOf(dossier)).toBe(ruleSet.maxClockRestarts);
    expect(supplementAllowed(dossier)).toBe(false);
    expect(availableCommands(dossier, ['appraiser'])).not.toContain('request_supplement');
    const again = decide(
      dossier,
      sampleCommand('request_supplement', dossier, 9),
      actorFor('appraiser'),
      hours(receivedAt, 9),
    );
    expect(code(again)).toBe('workflow.supplement_limit_reached');
    expect(again.ok ? null : again.error.details).toMatchObject({ ruleSet: ruleSet.id });
    // The server re-decides the same history the same way.
    expect(validateHistory(events).ok).toBe(true);
  });

  it('may ask for a supplement while its rounds are not used', () => {
    const { dossier } = walk(receivedAt, []);
    expect(supplementAllowed(dossier)).toBe(true);
    expect(availableCommands(dossier, ['appraiser'])).toContain('request_supplement');
  });

  it(`resets its appointment at most ${ruleSet.maxDueDateResets} time(s)`, () => {
    const { dossier } = walk(receivedAt, [['apologize_extend', 'approver']]);
    expect(dueDateResetAllowed(dossier)).toBe(false);
    expect(availableCommands(dossier, ['approver'])).not.toContain('apologize_extend');
    const again = decide(
      dossier,
      sampleCommand('apologize_extend', dossier, 5),
      actorFor('approver'),
      hours(receivedAt, 5),
    );
    expect(code(again)).toBe('workflow.apology_already_used');
    expect(again.ok ? null : again.error.details).toMatchObject({ ruleSet: ruleSet.id });
  });

  it(`asks for a supplement within ${ruleSet.supplementRequestWithinWorkingDays} working days of receipt`, () => {
    const calendar = createWorkCalendar();
    const { dossier } = walk(receivedAt, []);
    const deadline = calendar.supplementRequestDeadline(
      receivedAt,
      ruleSet.supplementRequestWithinWorkingDays,
    );
    expect(supplementInTime(dossier, deadline, calendar)).toBe(true);
    expect(supplementInTime(dossier, hours(deadline, 1), calendar)).toBe(false);
  });

  it(`prompts for the apology ${ruleSet.apologyLeadWorkingDays} working day(s) ahead`, () => {
    const calendar = createWorkCalendar();
    const { dossier } = walk(receivedAt, []);
    const lastDay = calendar.apologyDeadline(dossier.dueAt, ruleSet.apologyLeadWorkingDays);
    const promptFrom = calendar.addWorkingDays(lastDay, -1);
    expect(apologyDue(dossier, `${promptFrom}T02:00:00+07:00`, calendar)).toBe(true);
  });

  it(`${ruleSet.forms.includes('stop_processing_notice') ? 'issues' : 'has no'} stop-processing notice`, () => {
    const { dossier } = walk(receivedAt, [['stop', 'supervisor']]);
    expect(dossier.status).toBe('stopped');
    expect(formRequiredFor(dossier, 'stop_processing_notice')).toBe(ruleSet.id === '2025');
  });
});

describe('dossiers recorded before clock restarts were counted', () => {
  it('count as never restarted', () => {
    const { dossier } = walk(FIRST_2025, []);
    const legacy: Dossier = { ...dossier };
    delete legacy.clockRestarts;
    expect(clockRestartsOf(legacy)).toBe(0);
    expect(supplementAllowed(legacy)).toBe(true);
  });
});
