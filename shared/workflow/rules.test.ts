import { describe, expect, it } from 'vitest';
import type { Dossier } from '../domain';
import { availableCommands } from './available';
import { replay, validateHistory } from './chain';
import type { WorkflowCommandInput } from './commands';
import { decide } from './decide';
import type { DecideResult } from './decide';
import {
  DOSSIER_ID,
  T0,
  actorFor,
  at,
  dossierIn,
  run,
  sampleCommand,
} from '../../tests/support/workflow-fixtures';
import { cloneJson } from './hash';
import { COMMAND_TYPES, TRANSITIONS } from './transitions';
import type { CommandType } from './transitions';

function code(result: DecideResult): string {
  return result.ok ? 'ok' : result.error.code;
}

function ok(result: DecideResult): Extract<DecideResult, { ok: true }> {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
}

/** A status and a role from which each command is allowed, to test its data in isolation. */
function allowedCell(type: CommandType): {
  dossier: Dossier | null;
  role: (typeof TRANSITIONS)[CommandType]['roles'][number];
} {
  const from = TRANSITIONS[type].from[0] ?? null;
  return {
    dossier: from === null ? null : dossierIn(from).dossier,
    role: TRANSITIONS[type].roles[0] ?? 'receiver',
  };
}

const ENVELOPE = ['dossierId', 'officeId'];
const INTAKE = [
  'counterId',
  'procedureId',
  'procedureCode',
  'procedureName',
  'sectorId',
  'channel',
  'applicant',
  'receivedAt',
];

/** Data each command cannot do without, as the brief states it (not read back from the schemas). */
const REQUIRED: Record<CommandType, string[]> = {
  receive: [...INTAKE, 'documents', 'code', 'clockStartAt', 'dueAt'],
  record_incomplete: [...INTAKE, 'documents', 'missingDocuments'],
  refuse_intake: [...INTAKE, 'reason'],
  complete_intake: ['code', 'clockStartAt', 'dueAt', 'documents'],
  appraise: ['checklist'],
  request_supplement: ['documents', 'reason', 'withinDeadline'],
  supplement_received: ['clockStartAt', 'dueAt'],
  refuse: ['reason'],
  return_to_appraisal: ['reason'],
  approve: [],
  seal: ['result'],
  transfer: ['toAgency'],
  transfer_back: ['result'],
  return_result: ['collector', 'returnedAt', 'earliness'],
  apologize_extend: ['reason', 'newDueAt'],
  withdraw: ['reason'],
  stop: ['reason'],
  edit_details: [],
};

describe('required data', () => {
  const cases = COMMAND_TYPES.flatMap((type) =>
    [...ENVELOPE, ...REQUIRED[type]].map((field) => [type, field] as const),
  );
  it.each(cases)('%s without %s is refused', (type, field) => {
    const { dossier, role } = allowedCell(type);
    const command: Record<string, unknown> = { ...sampleCommand(type, dossier) };
    delete command[field];
    expect(code(decide(dossier, command, actorFor(role), at(1)))).toBe('workflow.invalid_command');
  });

  it.each(COMMAND_TYPES)('%s keeps working without the optional fields', (type) => {
    const { dossier, role } = allowedCell(type);
    const command: Record<string, unknown> = { ...sampleCommand(type, dossier) };
    const required = new Set(['type', ...ENVELOPE, ...REQUIRED[type]]);
    for (const field of Object.keys(command)) {
      if (!required.has(field) && !(type === 'edit_details' && field === 'notes')) delete command[field];
    }
    const result = ok(decide(dossier, command, actorFor(role), at(1)));
    // Without an eventId the event gets a fresh UUID.
    expect(result.event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    'refuse',
    'return_to_appraisal',
    'withdraw',
    'stop',
    'refuse_intake',
    'apologize_extend',
  ] as const)('%s refuses a blank reason', (type) => {
    const { dossier, role } = allowedCell(type);
    const result = decide(dossier, { ...sampleCommand(type, dossier), reason: '   ' }, actorFor(role), at(1));
    expect(code(result)).toBe('workflow.invalid_command');
    expect(result.ok ? [] : result.error.details).toEqual([
      { path: 'reason', message: 'workflow.reason_required' },
    ]);
  });

  it('refuses unknown fields (a forged or mistyped command carries nothing extra)', () => {
    const { dossier } = dossierIn('appraised');
    const command = { ...sampleCommand('approve', dossier), status: 'returned' };
    expect(code(decide(dossier, command, actorFor('approver'), at(1)))).toBe('workflow.invalid_command');
  });

  it('record_incomplete issues no code, no appointment; a code is refused', () => {
    const result = ok(decide(null, sampleCommand('record_incomplete', null), actorFor('receiver'), T0));
    expect(result.dossier).toMatchObject({ status: 'incomplete', code: '', dueAt: '', clockStartAt: T0 });
    const withCode = { ...sampleCommand('record_incomplete', null), code: '000.00.06.H56-260302-0001' };
    expect(code(decide(null, withCode, actorFor('receiver'), T0))).toBe('workflow.invalid_command');
    const none = { ...sampleCommand('record_incomplete', null), missingDocuments: [] };
    expect(code(decide(null, none, actorFor('receiver'), T0))).toBe('workflow.invalid_command');
  });
});

describe('who, where and what', () => {
  const { dossier } = dossierIn('appraised');
  const approve = sampleCommand('approve', dossier);

  it.each([
    [
      'an unknown command',
      { ...approve, type: 'publish' },
      actorFor('approver'),
      T0,
      'workflow.unknown_command',
    ],
    ['no command at all', null, actorFor('approver'), T0, 'workflow.unknown_command'],
    [
      'a command for another office',
      { ...approve, officeId: 'office-2' },
      actorFor('approver'),
      T0,
      'workflow.office_mismatch',
    ],
    [
      'an officer of another office',
      approve,
      actorFor('approver', { officeId: 'office-2' }),
      T0,
      'workflow.office_mismatch',
    ],
    [
      'a command for another dossier',
      { ...approve, dossierId: 'dossier-2' },
      actorFor('approver'),
      T0,
      'workflow.dossier_mismatch',
    ],
    [
      'a role the officer does not hold',
      approve,
      actorFor('approver', { roles: ['receiver'] }),
      T0,
      'workflow.acting_role_not_held',
    ],
    [
      'an actor without id',
      approve,
      { ...actorFor('approver'), officerId: '' },
      T0,
      'workflow.invalid_actor',
    ],
    ['a time that is not ISO', approve, actorFor('approver'), '02/03/2026 08:30', 'workflow.invalid_time'],
    ['a wrong role', approve, actorFor('sealer'), T0, 'workflow.role_not_allowed'],
  ] as const)('refuses %s', (_label, command, actor, time, expected) => {
    expect(code(decide(dossier, command, actor, time))).toBe(expected);
  });

  it('a new dossier must belong to the officer’s office', () => {
    const actor = actorFor('receiver', { officeId: 'office-2' });
    expect(code(decide(null, sampleCommand('receive', null), actor, T0))).toBe('workflow.office_mismatch');
  });

  it('records the officer, counter and time in the event', () => {
    const actor = actorFor('approver', { officerId: 'o-7', name: 'Lê Văn Cường', counterId: 'counter-3' });
    const { event, dossier: next } = ok(decide(dossier, approve, actor, at(3)));
    expect(event).toMatchObject({
      actorId: 'o-7',
      actorName: 'Lê Văn Cường',
      actorRole: 'approver',
      counterId: 'counter-3',
      at: at(3),
    });
    expect(event.payload).toMatchObject({
      comment: 'Đồng ý',
      changes: { status: 'approved', assigneeRole: 'sealer' },
    });
    expect(next.updatedAt).toBe(at(3));
  });

  it('an explicit chain head sets the parent and the seq', () => {
    const head = { seq: 7, hash: 'a'.repeat(64) };
    const { event, dossier: next } = ok(decide(dossier, approve, actorFor('approver'), at(3), head));
    expect(event).toMatchObject({ seq: 8, prevHash: head.hash });
    expect(next.eventCount).toBe(8);
    expect(code(decide(dossier, approve, actorFor('approver'), at(3), { seq: 0, hash: '' }))).toBe(
      'workflow.invalid_head',
    );
  });

  it('fills the diacritics-free search name', () => {
    expect(dossierIn('received').dossier.applicantSearch).toBe('nguyen van an');
  });
});

describe('intake and clock', () => {
  it('refuses an appointment before the clock starts, and a clock before receipt', () => {
    const early = { ...sampleCommand('receive', null), dueAt: '2026-03-01T00:00:00.000Z' };
    expect(code(decide(null, early, actorFor('receiver'), T0))).toBe('workflow.due_before_start');
    const before = { ...sampleCommand('receive', null), clockStartAt: '2026-03-01T00:00:00.000Z' };
    expect(code(decide(null, before, actorFor('receiver'), T0))).toBe('workflow.clock_before_receipt');
  });

  it('completing an incomplete intake issues the code and starts the clock', () => {
    const { dossier } = dossierIn('incomplete');
    const result = ok(
      decide(dossier, sampleCommand('complete_intake', dossier), actorFor('receiver'), at(2)),
    );
    expect(result.dossier).toMatchObject({
      status: 'received',
      code: '000.00.06.H56-260302-0002',
      clockStartAt: at(2),
      dueAt: at(50),
      receivedAt: T0,
      assigneeRole: 'appraiser',
    });
    const later = { ...sampleCommand('complete_intake', dossier), receivedAt: at(1) };
    expect(ok(decide(dossier, later, actorFor('receiver'), at(2))).dossier.receivedAt).toBe(at(1));
  });

  it('appraisal needs every checklist item ok', () => {
    const { dossier } = dossierIn('received');
    const command = {
      ...sampleCommand('appraise', dossier),
      checklist: [
        { label: 'Tờ khai', ok: true },
        { label: 'Giấy chứng sinh', ok: false },
      ],
    };
    const result = decide(dossier, command, actorFor('appraiser'), at(1));
    expect(code(result)).toBe('workflow.checklist_not_ok');
    expect(result.ok ? null : result.error.details).toEqual({ failed: ['Giấy chứng sinh'] });
    expect(code(decide(dossier, { ...command, checklist: [] }, actorFor('appraiser'), at(1)))).toBe(
      'workflow.invalid_command',
    );
  });
});

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
    const steps: [CommandType, Parameters<typeof actorFor>[0]][] = [
      ['receive', 'receiver'],
      ['edit_details', 'receiver'],
      ['apologize_extend', 'approver'],
      ['appraise', 'appraiser'],
      ['approve', 'approver'],
      ['seal', 'sealer'],
      ['return_result', 'receiver'],
    ];
    steps.forEach(([type, role], i) => {
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
