import { describe, expect, it } from 'vitest';
import type { Dossier } from '../domain';
import { decide } from './decide';
import {
  T0,
  actorFor,
  at,
  dossierIn,
  sampleCommand,
  code,
  ok,
  unratedReturn,
} from '../../tests/support/workflow-fixtures';
import { COMMAND_TYPES, TRANSITIONS } from './transitions';
import type { CommandType } from './transitions';
/** A status and a role from which each command is allowed, to test its data in isolation. */
function allowedCell(type: CommandType): {
  dossier: Dossier | null;
  role: (typeof TRANSITIONS)[CommandType]['roles'][number];
} {
  const from = TRANSITIONS[type].from[0] ?? null;
  if (type === 'rate') return { dossier: unratedReturn().dossier, role: 'receiver' };
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
  rate: ['rating'],
  apologize_extend: ['reason', 'newDueAt'],
  withdraw: ['reason'],
  stop: ['reason'],
  edit_details: [],
  attach_scan: ['sha256', 'size', 'mime', 'name', 'documentId', 'attachedAt'],
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
