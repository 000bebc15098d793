import { describe, expect, it } from 'vitest';
import type { Dossier } from '../domain';
import { availableCommands } from './available';
import { replay, validateHistory } from './chain';
import type { WorkflowCommandInput } from './commands';
import { decide } from './decide';
import {
  DOSSIER_ID,
  T0,
  actorFor,
  at,
  dossierIn,
  run,
  sampleCommand,
  code,
  ok,
} from '../../tests/support/workflow-fixtures';
import { cloneJson } from './hash';
import { LIFE } from '../../tests/support/chain-fixtures';
describe('supplement during appraisal', () => {
  const { dossier, events } = dossierIn('received');

  it('is refused after the 3-working-day window unless a reason is given', () => {
    const late = { ...sampleCommand('request_supplement', dossier), withinDeadline: false };
    expect(code(decide(dossier, late, actorFor('appraiser'), at(80)))).toBe(
      'workflow.supplement_deadline_passed',
    );
    expect(code(decide(dossier, { ...late, overrideReason: '  ' }, actorFor('appraiser'), at(80)))).toBe(
      'workflow.supplement_deadline_passed',
    );
    const overridden = ok(
      decide(dossier, { ...late, overrideReason: 'Hồ sơ phức tạp' }, actorFor('appraiser'), at(80)),
    );
    expect(overridden.dossier.status).toBe('supplement_requested');
    expect(overridden.event.payload).toMatchObject({
      withinDeadline: false,
      overrideReason: 'Hồ sơ phức tạp',
    });
  });

  it('restarts the clock from zero when the supplement comes', () => {
    const { dossier: waiting, events: history } = run([['request_supplement', 'appraiser']], {
      dossier,
      events,
    });
    expect(waiting.assigneeRole).toBe('receiver');
    const command = {
      ...sampleCommand('supplement_received', waiting),
      documents: [
        ...waiting.documents,
        { documentId: 'doc-2', name: 'Giấy chứng sinh', copyType: 'original', count: 1 },
      ],
    };
    const back = ok(decide(waiting, command, actorFor('receiver'), at(24)));
    expect(back.dossier).toMatchObject({
      status: 'received',
      clockStartAt: at(24),
      dueAt: at(96),
      receivedAt: T0,
      assigneeRole: 'appraiser',
    });
    expect(back.dossier.documents).toHaveLength(2);
    expect(back.event.payload).toMatchObject({ changes: { clockStartAt: at(24), dueAt: at(96) } });
    const appraised = ok(
      decide(back.dossier, sampleCommand('appraise', back.dossier), actorFor('appraiser'), at(25)),
    );
    expect(validateHistory([...history, back.event, appraised.event]).ok).toBe(true);
    const backwards = { ...command, clockStartAt: at(24), dueAt: at(20) };
    expect(code(decide(waiting, backwards, actorFor('receiver'), at(24)))).toBe('workflow.due_before_start');
  });
});

describe('apology and new appointment (form 04): once per dossier', () => {
  const { dossier, events } = dossierIn('appraised');
  const apology = (d: Dossier, newDueAt: string) => ({ ...sampleCommand('apologize_extend', d), newDueAt });

  it('moves the appointment later and keeps the original', () => {
    const result = ok(decide(dossier, apology(dossier, at(72)), actorFor('approver'), at(40)));
    expect(result.dossier).toMatchObject({ status: 'appraised', dueAt: at(72), originalDueAt: at(48) });
    expect(result.event).toMatchObject({ from: 'appraised', to: 'appraised' });
    expect(ok(decide(dossier, apology(dossier, at(72)), actorFor('supervisor'), at(40))).dossier.dueAt).toBe(
      at(72),
    );
  });

  it('refuses a second apology, and no longer offers it', () => {
    const first = ok(decide(dossier, apology(dossier, at(72)), actorFor('approver'), at(40)));
    expect(availableCommands(first.dossier, ['approver'])).not.toContain('apologize_extend');
    const second = decide(first.dossier, apology(first.dossier, at(96)), actorFor('supervisor'), at(41));
    expect(code(second)).toBe('workflow.apology_already_used');
  });

  it('stays used after a supplement restarted the clock', () => {
    const { dossier: received, events: history } = dossierIn('received');
    const first = ok(decide(received, apology(received, at(72)), actorFor('approver'), at(1)));
    const after = run(
      [
        ['request_supplement', 'appraiser'],
        ['supplement_received', 'receiver'],
      ],
      { dossier: first.dossier, events: [...history, first.event] },
    );
    expect(after.dossier.originalDueAt).toBe(at(48));
    expect(code(decide(after.dossier, apology(after.dossier, at(200)), actorFor('approver'), at(30)))).toBe(
      'workflow.apology_already_used',
    );
  });

  it.each([
    ['the same time', at(48)],
    ['an earlier time', at(30)],
  ])('refuses a new appointment at %s', (_label, newDueAt) => {
    expect(code(decide(dossier, apology(dossier, newDueAt), actorFor('approver'), at(40)))).toBe(
      'workflow.new_due_not_later',
    );
  });

  it('is signed by the head of the agency, not a receiver', () => {
    expect(code(decide(dossier, apology(dossier, at(72)), actorFor('receiver'), at(40)))).toBe(
      'workflow.role_not_allowed',
    );
    expect(events).toHaveLength(2);
  });
});

describe('returning the result', () => {
  const { dossier } = dossierIn('sealed');
  const base = sampleCommand('return_result', dossier);

  it('requires a reason with a dissatisfied rating', () => {
    const bad = { ...base, rating: { level: 'dissatisfied' } };
    const result = decide(dossier, bad, actorFor('receiver'), at(6));
    expect(code(result)).toBe('workflow.invalid_command');
    expect(result.ok ? [] : result.error.details).toEqual([
      { path: 'rating.reason', message: 'workflow.rating_reason_required' },
    ]);
    const good = { ...base, rating: { level: 'dissatisfied', reason: 'Chờ lâu' } };
    expect(ok(decide(dossier, good, actorFor('receiver'), at(6))).dossier.rating).toEqual({
      level: 'dissatisfied',
      reason: 'Chờ lâu',
    });
  });

  it('records collector, time and earliness; the rating may be declined', () => {
    const { rating: _rating, ...unrated } = base as Extract<WorkflowCommandInput, { type: 'return_result' }>;
    const result = ok(
      decide(
        dossier,
        {
          ...unrated,
          collector: { name: 'Trần Văn Dũng', idNumber: '001 203 999 999', relation: 'authorised' },
        },
        actorFor('receiver'),
        at(6),
      ),
    );
    expect(result.dossier).toMatchObject({
      status: 'returned',
      returnedAt: at(6),
      rating: null,
      assigneeRole: null,
    });
    expect(result.event.payload).toMatchObject({
      collector: { name: 'Trần Văn Dũng', idNumber: '001203999999', relation: 'authorised' },
      earliness: 'early',
    });
  });

  it('a sealed result is kept; the deciding agency’s result comes back with transfer_back', () => {
    expect(dossier.result).toMatchObject({ number: '123/2026' });
    const { dossier: away } = dossierIn('transferred');
    const back = ok(decide(away, sampleCommand('transfer_back', away), actorFor('receiver'), at(30)));
    expect(back.dossier).toMatchObject({ status: 'sealed', result: { signer: 'Trần Thị Bình' } });
    const noResult = {
      ...sampleCommand('transfer_back', away),
      result: { documentType: 'Giấy khai sinh', number: '', date: '2026-03-02', signer: 'Trần Thị Bình' },
    };
    expect(code(decide(away, noResult, actorFor('receiver'), at(30)))).toBe('workflow.invalid_command');
  });
});

describe('editing details', () => {
  const { dossier, events } = dossierIn('approved');
  const edit = (changes: Record<string, unknown>) => ({
    type: 'edit_details',
    dossierId: DOSSIER_ID,
    officeId: 'office-1',
    ...changes,
  });

  it('changes contact fields, normalised, and records only them', () => {
    const result = ok(
      decide(
        dossier,
        edit({ applicant: { phone: '0987 654 321', address: ' Số 2 Trần Phú ' } }),
        actorFor('supervisor'),
        at(5),
      ),
    );
    expect(result.dossier.applicant).toMatchObject({
      phone: '0987654321',
      address: 'Số 2 Trần Phú',
      fullName: 'Nguyễn Văn Ân',
    });
    expect(result.dossier.status).toBe('approved');
    expect(result.event.payload).toMatchObject({
      changes: { applicant: { phone: '0987654321', address: 'Số 2 Trần Phú' } },
    });
    expect(Object.keys((result.event.payload.changes as Record<string, unknown>) ?? {})).toEqual([
      'applicant',
    ]);
    expect(replay([...events, result.event])).toEqual(result.dossier);
  });

  it.each([
    ['the name', { applicant: { fullName: 'Nguyễn Văn B' } }, 'workflow.invalid_command'],
    ['the ID number', { applicant: { idNumber: '001203004568' } }, 'workflow.invalid_command'],
    ['a bad phone', { applicant: { phone: '12345' } }, 'workflow.invalid_applicant'],
    ['the last contact away', { applicant: { phone: '' } }, 'workflow.invalid_applicant'],
    ['nothing', {}, 'workflow.nothing_to_change'],
  ])('refuses changing %s', (_label, changes, expected) => {
    expect(code(decide(dossier, edit(changes), actorFor('receiver'), at(5)))).toBe(expected);
  });

  it('notes alone are fine', () => {
    expect(
      ok(decide(dossier, edit({ notes: 'Gọi trước khi trả' }), actorFor('receiver'), at(5))).dossier.notes,
    ).toBe('Gọi trước khi trả');
  });
});

describe('immutability', () => {
  it('never freezes or changes what the caller passed, whole lifecycle', () => {
    let dossier: Dossier | null = null;
    LIFE.forEach(([type, role], i) => {
      const state = dossier === null ? null : cloneJson(dossier); // a plain, unfrozen copy
      const stateCopy = JSON.stringify(state);
      const command = cloneJson(sampleCommand(type, state, i));
      const commandCopy = JSON.stringify(command);
      const actor = actorFor(role);
      const result = ok(decide(state, command, actor, at(i)));
      expect(JSON.stringify(state)).toBe(stateCopy);
      expect(JSON.stringify(command)).toBe(commandCopy);
      if (state !== null) expect(Object.isFrozen(state) || Object.isFrozen(state.applicant)).toBe(false);
      expect(Object.isFrozen(command)).toBe(false);
      expect(Object.isFrozen(actor.roles)).toBe(false);
      expect(() => {
        (result.dossier as { status: string }).status = 'returned';
      }).toThrow(TypeError);
      expect(() => {
        (result.event.payload as Record<string, unknown>).changes = {};
      }).toThrow(TypeError);
      dossier = result.dossier;
    });
    expect(dossier).toMatchObject({ status: 'returned', eventCount: 7 });
  });
});
