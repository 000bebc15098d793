/**
 * Test helpers for the print templates (imported only by *.test.ts): domain fixtures validated by
 * the real schemas, and small HTML readers, since no DOM library (happy-dom, jsdom) is installed.
 */
import { create as qrCreate } from 'qrcode';
import {
  dossierEventSchema,
  dossierSchema,
  officeSchema,
  type Dossier,
  type DossierEvent,
  type DossierStatus,
  type Office,
  type Procedure,
  type Role,
} from '../../shared/domain';
import { createSealPayload, generateDeviceKeyPair } from '../../shared/verification';
import { QR_ERROR_CORRECTION } from '../../renderer/features/printing/qr';
import type { PrintLanguage } from '../../renderer/features/printing/labels';
import { renderForm, type FormDataMap, type FormKind } from '../../renderer/features/printing/registry';
import { householdBusiness, procedureFields } from './procedure-fields';

export const office: Office = officeSchema.parse({
  id: 'office-1',
  agencyCode: '000.00.06.H56',
  level: 'district',
  name: 'Bộ phận Tiếp nhận và Trả kết quả huyện Vũ Thư',
  parentName: 'UBND huyện Vũ Thư',
  address: 'Thị trấn Vũ Thư, tỉnh Thái Bình',
  phone: '0227 3826 123',
  updatedAt: '2023-01-01T00:00:00Z',
});

export const procedure: Procedure = householdBusiness({
  fees: [{ label: 'Lệ phí đăng ký', amountVnd: 1_250_000 }],
  leadAgency: 'Phòng Tài chính - Kế hoạch',
  updatedAt: '2023-01-01T00:00:00Z',
});

export function makeDossier(overrides: Partial<Dossier> = {}): Dossier {
  return dossierSchema.parse({
    id: 'dossier-1',
    code: '000.00.06.H56-231027-0361',
    officeId: office.id,
    counterId: 'counter-1',
    ...procedureFields(procedure),
    channel: 'counter',
    applicant: {
      kind: 'individual',
      fullName: 'Nguyễn Văn An',
      idNumber: '034085001234',
      taxCode: '',
      phone: '0912345678',
      email: 'an.nguyen@example.vn',
      address: 'Số 5, thôn Đông, xã Tự Tân, huyện Vũ Thư',
    },
    applicantSearch: 'nguyen van an',
    documents: [
      { documentId: 'd1', name: 'Giấy đề nghị đăng ký hộ kinh doanh', copyType: 'original', count: 1 },
      { documentId: 'd2', name: 'Bản sao CCCD của chủ hộ', copyType: 'certified_copy', count: 2 },
      { documentId: 'd3', name: 'Hợp đồng thuê địa điểm', copyType: 'copy', count: 1 },
    ],
    status: 'received',
    // 09:15 on 27/10/2023 in Vietnam.
    receivedAt: '2023-10-27T02:15:00Z',
    clockStartAt: '2023-10-27T02:15:00Z',
    // 16:30 on 01/11/2023 in Vietnam; 17:30 UTC is already the next day there.
    dueAt: '2023-11-01T09:30:00Z',
    originalDueAt: '',
    result: null,
    returnedAt: '',
    rating: null,
    assigneeRole: 'appraiser',
    notes: '',
    eventCount: 0,
    lastEventHash: '',
    updatedAt: '2023-10-27T02:15:00Z',
    ...overrides,
  });
}

let seq = 0;
export function makeEvent(
  to: DossierStatus,
  from: DossierStatus | null,
  at: string,
  actorName: string,
  actorRole: Role,
  payload: Record<string, unknown> = {},
  type: string = to,
): DossierEvent {
  seq += 1;
  return dossierEventSchema.parse({
    id: `event-${seq}`,
    dossierId: 'dossier-1',
    officeId: office.id,
    seq,
    type,
    from,
    to,
    actorId: `officer-${actorRole}`,
    actorName,
    actorRole,
    counterId: 'counter-1',
    at,
    payload,
    prevHash: '',
    hash: 'a'.repeat(64),
  });
}

export function resetEventSeq(): void {
  seq = 0;
}

/** An event the sample receiver (`receiver`) recorded at the counter by command `type`. */
export function receiverEvent(
  type: string,
  from: DossierStatus | null,
  to: DossierStatus,
  at: string,
  payload: Record<string, unknown> = {},
): DossierEvent {
  return makeEvent(to, from, at, receiver.fullName, 'receiver', payload, type);
}

/** The appraiser's request for more documents, on 30/10/2023, with `payload` (documents, reason). */
export function supplementRequest(payload: Record<string, unknown>): DossierEvent {
  return makeEvent(
    'supplement_requested',
    'received',
    '2023-10-30T03:00:00Z',
    'Hoàng Minh Đức',
    'appraiser',
    payload,
    'request_supplement',
  );
}

/**
 * A dossier's hand-overs to a deciding agency: received at `receivedAt`, transferred at 08:00 UTC
 * that day with `transfer` as the transfer's payload, its result back at `backAt`.
 */
export function transferredAndBack(
  receivedAt: string,
  backAt: string,
  transfer: Record<string, unknown> = { toAgency: 'Chi cục Thuế' },
): DossierEvent[] {
  return [
    receiverEvent('receive', null, 'received', receivedAt),
    receiverEvent('transfer', 'received', 'transferred', `${receivedAt.slice(0, 10)}T08:00:00Z`, transfer),
    receiverEvent('transfer_back', 'transferred', 'sealed', backAt),
  ];
}

export const receiver = { fullName: 'Trần Thị Bình', title: 'Chuyên viên' };
/** The counter device whose key seals the sample results. */
export const device = generateDeviceKeyPair();

export function sealedDossier() {
  return makeDossier({
    status: 'returned',
    result: {
      documentType: 'Giấy chứng nhận đăng ký hộ kinh doanh',
      number: '125/GCN-HKD',
      date: '2023-10-31',
      signer: 'Phạm Văn Cường',
    },
    returnedAt: '2023-10-31T08:00:00Z',
  });
}

export function sealFor(dossier = sealedDossier()) {
  return createSealPayload(
    {
      code: dossier.code,
      officeAgencyCode: office.agencyCode,
      issuedAt: dossier.result!.date,
      resultNumber: dossier.result!.number,
    },
    device.secretKey,
    device.keyId,
  );
}

/** One valid data set per form, used by the table-driven checks. */
export function sampleData(): { [K in FormKind]: FormDataMap[K] } {
  resetEventSeq();
  const dossier = makeDossier();
  const sealed = sealedDossier();
  return {
    '01': {
      office,
      dossier,
      procedure,
      receiver,
      number: '0361/TN',
      place: 'Thái Bình',
      registerRef: 'Quyển số 01, số 0361',
    },
    '02': {
      office,
      dossier: makeDossier({ code: '', status: 'incomplete', dueAt: '' }),
      officer: receiver,
      items: [
        {
          name: 'Hợp đồng thuê địa điểm',
          requirement: 'Nộp bản có chữ ký hai bên',
          copyType: 'copy',
          count: 1,
        },
      ],
      reason: 'Hợp đồng thiếu chữ ký bên cho thuê',
    },
    '03': {
      office,
      dossier: makeDossier({ code: '', status: 'refused_intake', dueAt: '' }),
      officer: receiver,
      reason: 'Không thuộc thẩm quyền giải quyết của huyện',
    },
    '04': {
      office,
      dossier,
      reason: 'Cần xác minh thực địa địa điểm kinh doanh',
      newDueAt: '2023-11-03T09:30:00Z',
      head: { fullName: 'Lê Văn Dũng', title: 'Chủ tịch' },
    },
    '05': {
      office,
      dossier: sealed,
      procedure,
      events: [
        // Payload keys and types as shared/workflow records them (command fields).
        makeEvent('received', null, '2023-10-27T02:15:00Z', 'Trần Thị Bình', 'receiver', {}, 'receive'),
        // An edit keeps the status: it hands nothing over and gets no row.
        makeEvent(
          'received',
          'received',
          '2023-10-27T03:00:00Z',
          'Trần Thị Bình',
          'receiver',
          { notes: 'Đổi số điện thoại' },
          'edit_details',
        ),
        makeEvent(
          'appraised',
          'received',
          '2023-10-30T03:00:00Z',
          'Hoàng Minh Đức',
          'appraiser',
          { notes: 'Đủ điều kiện' },
          'appraise',
        ),
        makeEvent(
          'approved',
          'appraised',
          '2023-11-01T04:00:00Z',
          'Lê Văn Dũng',
          'approver',
          { comment: '' },
          'approve',
        ),
        makeEvent('sealed', 'approved', '2023-11-01T07:00:00Z', 'Vũ Thị Hoa', 'sealer', {}, 'seal'),
        makeEvent(
          'returned',
          'sealed',
          '2023-11-02T02:00:00Z',
          'Trần Thị Bình',
          'receiver',
          {},
          'return_result',
        ),
      ],
    },
    '06': { office, year: 2023, entries: [{ dossier }, { dossier: sealed }] },
    result: { office, dossier: sealed, officer: receiver, sealPayload: sealFor(sealed) },
    stop: {
      office,
      // Received under Decree 118/2025, the rule set that requires the notice.
      dossier: makeDossier({
        status: 'stopped',
        receivedAt: '2025-07-01T02:15:00Z',
        clockStartAt: '2025-07-01T02:15:00Z',
        dueAt: '2025-07-04T09:30:00Z',
        updatedAt: '2025-07-02T03:00:00Z',
      }),
      reason: 'Không bổ sung hồ sơ theo yêu cầu',
      head: { fullName: 'Lê Văn Dũng', title: 'Chủ tịch' },
    },
  };
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** Visible text of an HTML fragment: tags, styles and SVG dropped, entities decoded, spaces collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITY[e] ?? '')
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();
}

/** The text of the first element with `class` (exact class token) — e.g. a field line. */
export function textOfClass(html: string, className: string): string | null {
  const re = new RegExp(`<(\\w+)[^>]*class="(?:[^"]*\\s)?${className}(?:\\s[^"]*)?"[^>]*>`);
  const m = re.exec(html);
  if (!m) return null;
  const tag = m[1]!;
  // Walk forward counting nested tags of the same name to find the matching close.
  let depth = 1;
  const tagRe = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  tagRe.lastIndex = m.index + m[0].length;
  let end = html.length;
  for (let t = tagRe.exec(html); t; t = tagRe.exec(html)) {
    depth += t[1] ? -1 : 1;
    if (depth === 0) {
      end = t.index;
      break;
    }
  }
  return textOf(html.slice(m.index + m[0].length, end));
}

/** Cell texts of each row of the table with `class`: header rows included. */
export function tableRows(html: string, className: string): string[][] {
  const re = new RegExp(
    `<table[^>]*class="(?:[^"]*\\s)?${className}(?:\\s[^"]*)?"[^>]*>([\\s\\S]*?)</table>`,
  );
  const table = re.exec(html);
  if (!table) throw new Error(`no table .${className}`);
  return [...table[1]!.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => textOf(cell[1]!)),
  );
}

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link', 'col', 'area', 'base', 'wbr', 'source']);

/** Checks tags nest properly, so escaping never broke the document's structure. Returns problems. */
export function structureProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<title>[\s\S]*?<\/title>/g, '');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>/g)) {
    const [, closing, rawName, selfClosing] = m;
    const name = rawName!.toLowerCase();
    if (VOID.has(name) || selfClosing) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) problems.push(`unexpected </${name}> at ${m.index}`);
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}

/** A printed form and what the tests read of it. */
export interface PrintedForm {
  html: string;
  /** Its visible text (textOf). */
  text: string;
  /** The text of its first element with this class (textOfClass). */
  field(className: string): string | null;
  /** The cell texts of its table with this class, header rows included (tableRows). */
  rows(tableClass: string): string[][];
  /** Its inline SVGs (svgsOf). */
  svgs: string[];
}

export function readPrinted(html: string): PrintedForm {
  return {
    html,
    text: textOf(html),
    field: (className) => textOfClass(html, className),
    rows: (tableClass) => tableRows(html, tableClass),
    svgs: svgsOf(html),
  };
}

/** Renders form `kind` through the registry, as the app prints it; the sample data unless given. */
export async function printForm<K extends FormKind>(
  kind: K,
  data: FormDataMap[K] = sampleData()[kind],
  lang: PrintLanguage = 'vi',
): Promise<PrintedForm> {
  return readPrinted(await renderForm(kind, data, lang));
}

/** All inline SVGs of a document. */
export function svgsOf(html: string): string[] {
  return [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}

/**
 * Reads the dark modules back out of qrcode's SVG (rows of `M x y`/`m dx 0`/`h n` path commands),
 * as a scanner sees them, and compares with an independent encoding of `text`. Equal matrices mean
 * the printed code scans as exactly `text`.
 */
export function svgMatchesQrOf(svg: string, text: string): boolean {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  const d = /<path[^>]*stroke="#000000"[^>]*d="([^"]*)"/.exec(svg);
  if (!viewBox || !d) return false;
  const full = Number(viewBox[1]);
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const cmd of d[1]!.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    const a = Number(cmd[2]);
    if (cmd[1] === 'M') {
      x = a;
      y = Math.floor(Number(cmd[3]));
    } else if (cmd[1] === 'm') {
      x += a;
    } else {
      for (let i = 0; i < a; i++) dark.add(`${x + i},${y}`);
      x += a;
    }
  }
  const qr = qrCreate(text, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  const size = qr.modules.size;
  const margin = (full - size) / 2;
  if (!Number.isInteger(margin) || margin < 0) return false;
  let expectedDark = 0;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const want = qr.modules.get(r, c) !== 0;
      if (want) expectedDark++;
      if (want !== dark.has(`${c + margin},${r + margin}`)) return false;
    }
  }
  return expectedDark === dark.size;
}
