import type { Dossier, DossierEvent, DossierStatus, Procedure } from '../../../shared/domain';
import { decide, type Actor } from '../../../shared/workflow';
import { createWorkCalendar } from '../../../shared/calendar';
import { formatDossierCode } from '../../../shared/codes';
import { DEMO_COUNTER_ID, DEMO_OFFICE, DEMO_PROCEDURES, demoOfficers } from '../../../renderer/demo';
import { procedureFields, requiredDocumentsOf } from '../../support/procedure-fields';
import { mulberry32 } from '../../support/prng';

/**
 * Bench data as in real life: three years of a district counter, 100,000 dossiers, most returned,
 * a few thousand open (the recent ones, some overdue), every one with its real event chain made by
 * shared/workflow decide() (so hashes, seq and payloads are what the app writes).
 */

/** Deterministic PRNG (mulberry32) so every run seeds the same office. */
export function rng(seed: number): () => number {
  return mulberry32(seed);
}

const FAMILY: [string, number][] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Vũ', 4],
  ['Phan', 4.5],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 1],
  ['Trịnh', 1],
];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Xuân', 'Công', 'Mạnh', 'Trọng'];
const MIDDLE_F = ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Hồng', 'Phương', 'Kim', 'Bích', 'Thùy'];
const GIVEN_M = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Hải',
  'Hùng',
  'Huy',
  'Khánh',
  'Long',
  'Minh',
  'Nam',
  'Phong',
  'Phúc',
  'Quân',
  'Sơn',
  'Thắng',
  'Tuấn',
  'Trung',
  'Việt',
];
const GIVEN_F = [
  'Anh',
  'Châu',
  'Dung',
  'Hà',
  'Hạnh',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Nga',
  'Ngân',
  'Oanh',
  'Phượng',
  'Tâm',
  'Thảo',
  'Trang',
  'Vân',
  'Yến',
  'Uyên',
];
const COMMUNES = [
  'Tân Phong',
  'Tân Hòa',
  'Song Lãng',
  'Minh Quang',
  'Hiệp Hòa',
  'Việt Hùng',
  'Tự Tân',
  'Nguyên Xá',
  'Dũng Nghĩa',
  'Xuân Hòa',
];

/** Final status mix of three years of one district counter (open ones come from the last weeks). */
const CLOSED_MIX: [DossierStatus, number][] = [
  ['returned', 955],
  ['refused', 12],
  ['refused_intake', 8],
  ['withdrawn', 5],
  ['stopped', 2],
  ['incomplete', 6],
];
const OPEN_MIX: [DossierStatus, number][] = [
  ['received', 34],
  ['supplement_requested', 6],
  ['appraised', 20],
  ['approved', 12],
  ['transferred', 14],
  ['sealed', 14],
];

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)] as T;
}
function weighted<T>(r: () => number, items: readonly [T, number][]): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let x = r() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1]![0];
}

export type SeededDossier = { dossier: Dossier; events: DossierEvent[] };

/** The commands that take a new dossier to `status`, in order. */
function path(status: DossierStatus): string[] {
  switch (status) {
    case 'returned':
      return ['receive', 'appraise', 'approve', 'seal', 'return_result'];
    case 'refused':
      return ['receive', 'refuse'];
    case 'refused_intake':
      return ['refuse_intake'];
    case 'incomplete':
      return ['record_incomplete'];
    case 'withdrawn':
      return ['receive', 'withdraw'];
    case 'stopped':
      return ['receive', 'stop'];
    case 'received':
      return ['receive'];
    case 'supplement_requested':
      return ['receive', 'request_supplement'];
    case 'appraised':
      return ['receive', 'appraise'];
    case 'approved':
      return ['receive', 'appraise', 'approve'];
    case 'transferred':
      return ['receive', 'transfer'];
    case 'sealed':
      return ['receive', 'appraise', 'approve', 'seal'];
    default:
      throw new Error(status);
  }
}

const ROLE_OF: Record<string, Actor['actingRole']> = {
  receive: 'receiver',
  record_incomplete: 'receiver',
  refuse_intake: 'receiver',
  appraise: 'appraiser',
  request_supplement: 'appraiser',
  refuse: 'appraiser',
  approve: 'approver',
  seal: 'sealer',
  return_result: 'receiver',
  withdraw: 'receiver',
  stop: 'approver',
  transfer: 'receiver',
};

export function createGenerator(opts: { total: number; openCount: number; nowMs: number; seed?: number }) {
  const r = rng(opts.seed ?? 20260304);
  const calendar = createWorkCalendar();
  const officers = demoOfficers();
  const actors = new Map<string, Actor>();
  for (const role of ['receiver', 'appraiser', 'approver', 'sealer'] as const) {
    const o = officers.find((x) => x.roles.includes(role))!;
    actors.set(role, {
      officerId: o.id,
      name: o.fullName,
      roles: o.roles,
      actingRole: role,
      counterId: DEMO_COUNTER_ID,
      officeId: DEMO_OFFICE.id,
    });
  }
  const procedures: Procedure[] = DEMO_PROCEDURES;
  const startMs = opts.nowMs - 3 * 365 * 86_400_000;
  const openFrom = opts.total - opts.openCount;
  const perDay = new Map<string, number>();

  /** The i-th dossier (in receipt order): open ones are the last `openCount`. */
  function make(i: number): SeededDossier {
    const open = i >= openFrom;
    // Closed ones spread over three years; open ones over the last 25 days.
    const atMs = open
      ? opts.nowMs - 25 * 86_400_000 + ((i - openFrom) / opts.openCount) * 25 * 86_400_000
      : startMs + (i / openFrom) * (opts.nowMs - 26 * 86_400_000 - startMs);
    const receivedAt = new Date(Math.floor(atMs / 60_000) * 60_000).toISOString();
    const status = weighted(r, open ? OPEN_MIX : CLOSED_MIX);
    const procedure = pick(r, procedures);
    const female = r() < 0.5;
    const fullName = `${weighted(r, FAMILY)} ${pick(r, female ? MIDDLE_F : MIDDLE_M)} ${pick(r, female ? GIVEN_F : GIVEN_M)}`;
    const idNumber = `0340${female ? '9' : '8'}${String(Math.floor(r() * 1e7)).padStart(7, '0')}`;
    const phone = `09${String(Math.floor(r() * 1e8)).padStart(8, '0')}`;
    const day = receivedAt.slice(0, 10);
    const seq = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, seq);
    const code = formatDossierCode(DEMO_OFFICE.agencyCode, receivedAt, seq);
    const dueAt = calendar.computeDueAt(receivedAt, procedure.legalTime);
    const dossierId = `bench-${String(i).padStart(6, '0')}`;
    const base = { dossierId, officeId: DEMO_OFFICE.id };
    const intake = {
      counterId: DEMO_COUNTER_ID,
      ...procedureFields(procedure),
      channel: 'counter',
      applicant: {
        kind: 'individual',
        fullName,
        idNumber,
        taxCode: '',
        phone,
        email: '',
        address: `Xã ${pick(r, COMMUNES)}, huyện Vũ Thư, tỉnh Thái Bình`,
      },
      documents: requiredDocumentsOf(procedure),
      receivedAt,
    };
    let t = Date.parse(receivedAt);
    const step = () => new Date((t += 20 * 60_000)).toISOString();
    const commands: Record<string, Record<string, unknown>> = {
      receive: { ...intake, code, clockStartAt: receivedAt, dueAt },
      record_incomplete: {
        ...intake,
        missingDocuments: [{ name: procedure.requiredDocuments[0]!.name, reason: 'Thiếu bản chính' }],
      },
      refuse_intake: { ...intake, reason: 'Thủ tục không thuộc thẩm quyền giải quyết' },
      appraise: { checklist: [{ label: 'Đủ thành phần hồ sơ', ok: true }] },
      request_supplement: {
        documents: [{ name: procedure.requiredDocuments[0]!.name, action: 'fix' }],
        reason: 'Thông tin chưa khớp',
        withinDeadline: true,
      },
      refuse: { reason: 'Hồ sơ không đủ điều kiện giải quyết' },
      approve: { comment: '' },
      seal: {
        result: {
          documentType: 'Kết quả giải quyết',
          number: `${seq}/KQ`,
          date: day,
          signer: 'Trần Văn Hùng',
        },
      },
      transfer: { toAgency: procedure.leadAgency || 'UBND huyện Vũ Thư' },
      withdraw: { reason: 'Công dân xin rút hồ sơ' },
      stop: { reason: 'Dừng xử lý theo đề nghị của cơ quan chuyên môn' },
      return_result: {},
    };
    let state: Dossier | null = null;
    const events: DossierEvent[] = [];
    for (const type of path(status)) {
      const at =
        type === 'receive' || type === 'record_incomplete' || type === 'refuse_intake' ? receivedAt : step();
      let command: Record<string, unknown> = { type, ...base, ...commands[type] };
      if (type === 'return_result') {
        command = {
          ...command,
          collector: { name: fullName, idNumber, relation: 'self' },
          returnedAt: at,
          rating: { level: r() < 0.8 ? 'very_satisfied' : 'satisfied', reason: '' },
          earliness: calendar.classifyReturn(at, dueAt),
        };
      }
      const res = decide(state, command, actors.get(ROLE_OF[type]!)!, at);
      if (!res.ok) throw new Error(`${dossierId} ${type}: ${JSON.stringify(res.error)}`);
      state = res.dossier;
      events.push(res.event);
    }
    return { dossier: state!, events };
  }
  return { make };
}
