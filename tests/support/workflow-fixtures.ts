/**
 * Valid sample commands and dossiers for tests (workflow's own and other folders'). Not used by
 * production code.
 */
import type { Dossier, DossierEvent, DossierStatus, Role } from '../../shared/domain';
import type { WorkflowCommandInput } from '../../shared/workflow/commands';
import type { Actor, DecideResult } from '../../shared/workflow/decide';
import { decide } from '../../shared/workflow/decide';
import type { CommandType } from '../../shared/workflow/transitions';

export const OFFICE_ID = 'office-1';
export const DOSSIER_ID = 'dossier-1';
export const T0 = '2026-03-02T01:30:00.000Z'; // Monday 08:30 in Vietnam

/** `T0` plus `hours`, as an ISO instant. */
export function at(hours: number): string {
  return new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
}

export function actorFor(role: Role, extra: Partial<Actor> = {}): Actor {
  return {
    officerId: `officer-${role}`,
    name: `Cán bộ ${role}`,
    roles: [role],
    actingRole: role,
    counterId: 'counter-1',
    officeId: OFFICE_ID,
    ...extra,
  };
}

/** The sample procedure (birth registration) as a dossier copies it. */
export const BIRTH_PROCEDURE = {
  procedureId: 'proc-birth',
  procedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  sectorId: 'sector-civil',
};

const intake = {
  dossierId: DOSSIER_ID,
  officeId: OFFICE_ID,
  counterId: 'counter-1',
  ...BIRTH_PROCEDURE,
  channel: 'counter' as const,
  applicant: {
    kind: 'individual' as const,
    fullName: 'Nguyễn Văn Ân',
    idNumber: '001 203 004 567',
    taxCode: '',
    phone: '0912.345.678',
    email: '',
    address: 'Số 1 Lê Lợi, Hưng Yên',
  },
  documents: [
    { documentId: 'doc-1', name: 'Tờ khai đăng ký khai sinh', copyType: 'original' as const, count: 1 },
  ],
  receivedAt: T0,
  notes: '',
};

const result = {
  documentType: 'Giấy khai sinh',
  number: '123/2026',
  date: '2026-03-02',
  signer: 'Trần Thị Bình',
};

/** A valid command of each type for `dossier` (`null` for the intake commands). */
export function sampleCommand(type: CommandType, dossier: Dossier | null, n = 0): WorkflowCommandInput {
  const base = { dossierId: DOSSIER_ID, officeId: OFFICE_ID, eventId: `evt-${n}-${type}` };
  const dueAt = dossier?.dueAt || at(48);
  switch (type) {
    case 'receive':
      return {
        type,
        ...intake,
        eventId: base.eventId,
        code: '000.00.06.H56-260302-0001',
        clockStartAt: T0,
        dueAt: at(48),
      };
    case 'record_incomplete':
      return {
        type,
        ...intake,
        eventId: base.eventId,
        missingDocuments: [{ name: 'Giấy chứng sinh', reason: 'Chưa nộp' }],
      };
    case 'refuse_intake':
      return { type, ...intake, eventId: base.eventId, reason: 'Không thuộc thẩm quyền' };
    case 'complete_intake':
      return {
        type,
        ...base,
        code: '000.00.06.H56-260302-0002',
        clockStartAt: at(2),
        dueAt: at(50),
        documents: intake.documents,
      };
    case 'appraise':
      return { type, ...base, checklist: [{ label: 'Tờ khai hợp lệ', ok: true }], notes: 'Đủ điều kiện' };
    case 'request_supplement':
      return {
        type,
        ...base,
        documents: [{ name: 'Giấy chứng sinh', action: 'add' }],
        reason: 'Thiếu giấy chứng sinh',
        withinDeadline: true,
      };
    case 'supplement_received':
      return { type, ...base, clockStartAt: at(24), dueAt: at(96) };
    case 'refuse':
      return { type, ...base, reason: 'Không đủ điều kiện' };
    case 'return_to_appraisal':
      return { type, ...base, reason: 'Cần kiểm tra lại' };
    case 'approve':
      return { type, ...base, comment: 'Đồng ý' };
    case 'seal':
      return { type, ...base, result };
    case 'transfer':
      return { type, ...base, toAgency: 'Sở Tư pháp' };
    case 'transfer_back':
      return { type, ...base, result };
    case 'return_result':
      return {
        type,
        ...base,
        collector: { name: 'Nguyễn Văn Ân', idNumber: '001203004567', relation: 'self' },
        returnedAt: at(6),
        rating: { level: 'very_satisfied' },
        earliness: 'early',
      };
    case 'rate':
      return { type, ...base, rating: { level: 'dissatisfied', reason: 'Phải chờ lâu' } };
    case 'apologize_extend':
      return {
        type,
        ...base,
        reason: 'Chờ xác minh',
        newDueAt: new Date(Date.parse(dueAt) + 86_400_000).toISOString(),
      };
    case 'withdraw':
      return { type, ...base, reason: 'Người nộp xin rút' };
    case 'stop':
      return { type, ...base, reason: 'Dừng xử lý theo yêu cầu cơ quan' };
    case 'edit_details':
      return { type, ...base, applicant: { phone: '0987 654 321' }, notes: 'Đổi số điện thoại' };
    case 'attach_scan':
      return {
        type,
        ...base,
        sha256: 'ab'.repeat(32),
        size: 1024,
        mime: 'application/pdf',
        name: 'to-khai.pdf',
        documentId: intake.documents[0]?.documentId ?? 'doc-1',
        attachedAt: at(n),
      };
  }
}

/** The shortest path of commands (and who does them) that leads to each status. */
export const PATH_TO: Readonly<Record<DossierStatus, readonly [CommandType, Role][]>> = {
  incomplete: [['record_incomplete', 'receiver']],
  refused_intake: [['refuse_intake', 'receiver']],
  received: [['receive', 'receiver']],
  supplement_requested: [
    ['receive', 'receiver'],
    ['request_supplement', 'appraiser'],
  ],
  appraised: [
    ['receive', 'receiver'],
    ['appraise', 'appraiser'],
  ],
  refused: [
    ['receive', 'receiver'],
    ['refuse', 'appraiser'],
  ],
  transferred: [
    ['receive', 'receiver'],
    ['transfer', 'receiver'],
  ],
  approved: [
    ['receive', 'receiver'],
    ['appraise', 'appraiser'],
    ['approve', 'approver'],
  ],
  sealed: [
    ['receive', 'receiver'],
    ['appraise', 'appraiser'],
    ['approve', 'approver'],
    ['seal', 'sealer'],
  ],
  returned: [
    ['receive', 'receiver'],
    ['appraise', 'appraiser'],
    ['approve', 'approver'],
    ['seal', 'sealer'],
    ['return_result', 'receiver'],
  ],
  withdrawn: [
    ['receive', 'receiver'],
    ['withdraw', 'receiver'],
  ],
  stopped: [
    ['receive', 'receiver'],
    ['stop', 'supervisor'],
  ],
};

/** Run commands through decide(), throwing on the first refusal. */
export function run(
  steps: readonly [CommandType, Role][],
  start: { dossier: Dossier | null; events: DossierEvent[] } = {
    dossier: null,
    events: [],
  },
): { dossier: Dossier; events: DossierEvent[] } {
  let dossier = start.dossier;
  const events = [...start.events];
  for (const [type, role] of steps) {
    const result = decide(
      dossier,
      sampleCommand(type, dossier, events.length),
      actorFor(role),
      at(events.length),
    );
    if (!result.ok) throw new Error(`${type} by ${role}: ${result.error.code} ${result.error.message}`);
    dossier = result.dossier;
    events.push(result.event);
  }
  if (dossier === null) throw new Error('run: no steps');
  return { dossier, events };
}

/** A dossier in `status`, with the events that made it. */
export function dossierIn(status: DossierStatus): { dossier: Dossier; events: DossierEvent[] } {
  return run(PATH_TO[status]);
}

/** A returned dossier the citizen has not rated yet (the rating screen rates it afterwards). */
export function unratedReturn(): { dossier: Dossier; events: DossierEvent[] } {
  const sealed = dossierIn('sealed');
  const command = { ...sampleCommand('return_result', sealed.dossier, sealed.events.length), rating: null };
  const result = decide(sealed.dossier, command, actorFor('receiver'), at(sealed.events.length));
  if (!result.ok) throw new Error(`return_result: ${result.error.code}`);
  return { dossier: result.dossier, events: [...sealed.events, result.event] };
}

/**
 * The audit-format test vector: a fixed event (escapes, Vietnamese text, -0, 1e21, nesting) and the
 * hash recorded when the format was set. Every sha256 implementation the event hash may use must
 * give exactly this.
 */
export const AUDIT_FORMAT_VECTOR: { event: Omit<DossierEvent, 'hash'>; hash: string } = {
  event: {
    id: 'ev-1',
    dossierId: 'd-1',
    officeId: 'o-1',
    seq: 2,
    type: 'appraise',
    from: 'received',
    to: 'appraised',
    actorId: 'officer-7',
    actorName: 'Nguyễn Thị Ánh',
    actorRole: 'appraiser',
    counterId: 'q1',
    at: '2026-03-02T01:30:00.000Z',
    payload: {
      note: 'Đủ điều kiện "ok"\n',
      changes: { status: 'appraised', tags: [1, 2.5, null, true], nested: { z: -0, a: 1e21 } },
    },
    prevHash: 'ab'.repeat(32),
  } as unknown as Omit<DossierEvent, 'hash'>,
  hash: 'd32645a86eef6112922064843538f6abf43ce36a7e8af22777e5197bbe88a28e',
};

/** The accepted result of decide(), or an error naming the refusal. */
export function ok(result: DecideResult): Extract<DecideResult, { ok: true }> {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
}

/** 'ok', or the code of the refusal. */
export function code(result: DecideResult): string {
  return result.ok ? 'ok' : result.error.code;
}
