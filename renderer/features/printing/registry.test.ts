import { beforeEach, describe, expect, it } from 'vitest';
import type { Dossier, DossierEvent } from '../../../shared/domain';
import { verifySealPayload } from '../../../shared/verification';
import { printContext, type PrintSources } from './definition';
import { escapeHtml } from './html';
import {
  FORM_KINDS,
  formAfterStep,
  formsOffered,
  gatherFormData,
  paperOf,
  renderForm,
  type FormDataMap,
  type FormKind,
} from './registry';
import {
  device,
  makeDossier,
  makeEvent,
  office,
  procedure,
  receiverEvent,
  resetEventSeq,
  sampleData,
  sealFor,
  sealedDossier,
  structureProblems,
  supplementRequest,
  textOf,
} from '../../../tests/support/print';

const KINDS: FormKind[] = ['01', '02', '03', '04', '05', '06', 'result', 'stop'];

describe('every form', () => {
  it.each(KINDS)(
    'form %s is a complete, well-formed, self-contained document in Vietnamese',
    async (kind) => {
      const doc = await renderForm(kind, sampleData()[kind]);
      expect(doc.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(doc).toContain('<html lang="vi">');
      expect(doc).toContain('<meta charset="utf-8" />');
      expect(doc).toContain(`<meta name="motcua-form" content="${kind}" />`);
      expect(structureProblems(doc)).toEqual([]);
      // Self-contained: nothing fetched, no script.
      expect(doc).not.toMatch(/<script|<link|\bsrc=|url\(/i);
      expect(doc).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;/);
      const page = kind === '06' ? '@page { size: A4 landscape;' : '@page { size: A5;';
      expect(doc).toContain(page);
      expect(textOf(doc)).toContain(office.name);
    },
  );

  it.each(KINDS)('form %s has an English preview (for the screen) with the same data', async (kind) => {
    const vi = await renderForm(kind, sampleData()[kind], 'vi');
    const en = await renderForm(kind, sampleData()[kind], 'en');
    expect(en).toContain('<html lang="en">');
    expect(en).not.toBe(vi);
    expect(textOf(en)).toContain(kind === '06' ? 'DOSSIER REGISTER' : 'SOCIALIST REPUBLIC OF VIET NAM');
    expect(textOf(en)).not.toMatch(/Độc lập|Mã hồ sơ|Người nộp/);
    expect(textOf(en)).toContain('Nguyễn Văn An');
  });

  const attacks = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    '</style><script>alert(1)</script>',
    '</title><iframe src=javascript:alert(1)>',
    '&lt;b&gt; already escaped & more',
  ];

  it.each(KINDS.flatMap((kind) => attacks.map((attack) => [kind, attack] as const)))(
    'form %s prints hostile text %s as text',
    async (kind, attack) => {
      const data = sampleData();
      const applicant = { ...makeDossier().applicant, fullName: `An ${attack}`, address: `Thôn ${attack}` };
      const hostile = (d: ReturnType<typeof makeDossier>) => ({
        ...d,
        applicant,
        procedureName: attack,
        notes: attack,
      });
      const forms: { [K in FormKind]: FormDataMap[K] } = {
        '01': {
          ...data['01'],
          dossier: hostile(data['01'].dossier),
          registerRef: attack,
          collectAt: attack,
          place: attack,
        },
        '02': {
          ...data['02'],
          dossier: hostile(data['02'].dossier),
          reason: attack,
          contact: attack,
          items: [{ name: attack, requirement: attack }],
        },
        '03': {
          ...data['03'],
          dossier: hostile(data['03'].dossier),
          reason: attack,
          officer: { fullName: attack },
        },
        '04': {
          ...data['04'],
          dossier: hostile(data['04'].dossier),
          reason: attack,
          head: { fullName: attack, title: attack },
        },
        '05': {
          ...data['05'],
          dossier: hostile(data['05'].dossier),
          events: data['05'].events.map((e) => ({ ...e, actorName: attack, payload: { note: attack } })),
        },
        '06': {
          ...data['06'],
          entries: data['06'].entries.map((e) => ({
            ...e,
            dossier: hostile(e.dossier),
            notes: attack,
            leadAgency: attack,
          })),
        },
        result: { ...data.result, dossier: hostile(data.result.dossier), officer: { fullName: attack } },
        stop: {
          ...data.stop,
          dossier: hostile(data.stop.dossier),
          reason: attack,
          head: { fullName: attack, title: attack },
        },
      };
      const doc = await renderForm(kind, forms[kind]);
      expect(doc).not.toMatch(/<script|<img|<iframe|<svg onload/i);
      // No element gained an event-handler attribute.
      expect(doc).not.toMatch(/<[a-z][^>]*\son\w+=/i);
      expect(structureProblems(doc)).toEqual([]);
      expect(doc).toContain(escapeHtml(attack));
      expect(textOf(doc)).toContain(attack);
    },
  );
});

/** A print context over fixed data, as the app's stores would answer it. */
function contextFor(dossier: Dossier | null, events: DossierEvent[], extra: Record<string, unknown> = {}) {
  const asked: { years: number[] } = { years: [] };
  const sources: PrintSources = {
    eventsOf: async (id) => events.filter((e) => e.dossierId === id),
    getProcedure: async (id) => (id === procedure.id ? procedure : null),
    registerRows: async (year) => {
      asked.years.push(year);
      return [makeDossier(), sealedDossier()];
    },
    sealKey: async () => ({ secretKey: device.secretKey, keyId: device.keyId }),
  };
  const session = { office, officer: { fullName: 'Người Đăng Nhập', title: 'Chuyên viên' } };
  return { context: printContext(sources, dossier, session, extra), asked };
}

describe('form data from the dossier and its history', () => {
  beforeEach(resetEventSeq);

  it('01 is signed by who received the dossier, else by the signed-in officer', async () => {
    const dossier = makeDossier();
    const received = receiverEvent('receive', null, 'received', dossier.receivedAt);
    const data = await gatherFormData('01', contextFor(dossier, [received]).context);
    expect(data).toEqual({ office, dossier, procedure, receiver: { fullName: 'Trần Thị Bình' } });
    const unsigned = await gatherFormData('01', contextFor(dossier, []).context);
    expect(unsigned.receiver).toEqual({ fullName: 'Người Đăng Nhập' });
  });

  it('02 lists the documents of the latest supplement request, or of the incomplete intake', async () => {
    const dossier = makeDossier({ status: 'supplement_requested' });
    const incomplete = receiverEvent('record_incomplete', null, 'incomplete', '2023-10-27T02:15:00Z', {
      missingDocuments: [{ name: 'Bản sao CCCD', note: 'Thiếu mặt sau' }],
      notes: 'Bổ sung trong 3 ngày',
    });
    const atIntake = await gatherFormData('02', contextFor(dossier, [incomplete]).context);
    expect(atIntake.items).toEqual([{ name: 'Bản sao CCCD', requirement: 'Thiếu mặt sau' }]);
    expect(atIntake.reason).toBe('Bổ sung trong 3 ngày');
    expect(atIntake.officer).toEqual({ fullName: 'Trần Thị Bình' });
    const request = supplementRequest({
      documents: [
        { name: 'Hợp đồng thuê địa điểm', reason: 'Thiếu chữ ký' },
        { name: 'Giấy đề nghị', reason: 'Sai địa chỉ' },
      ],
    });
    const data = await gatherFormData('02', contextFor(dossier, [incomplete, request]).context);
    expect(data.items).toEqual([
      { name: 'Hợp đồng thuê địa điểm', requirement: 'Thiếu chữ ký' },
      { name: 'Giấy đề nghị', requirement: 'Sai địa chỉ' },
    ]);
    expect(data.reason).toBe('Thiếu chữ ký; Sai địa chỉ');
    expect(data.officer).toEqual({ fullName: 'Hoàng Minh Đức' });
  });

  it('03 and 04 carry the reason (and the new date) of the step that issued them', async () => {
    const dossier = makeDossier({ status: 'refused' });
    const refuse = makeEvent(
      'refused',
      'received',
      '2023-10-30T03:00:00Z',
      'Hoàng Minh Đức',
      'appraiser',
      {
        reason: 'Không thuộc thẩm quyền',
      },
      'refuse',
    );
    const refusal = await gatherFormData('03', contextFor(dossier, [refuse]).context);
    expect(refusal).toEqual({
      office,
      dossier,
      officer: { fullName: 'Hoàng Minh Đức' },
      reason: 'Không thuộc thẩm quyền',
    });
    const late = makeDossier({ dueAt: '2023-11-03T09:30:00Z', originalDueAt: '2023-11-01T09:30:00Z' });
    const apology = makeEvent(
      'received',
      'received',
      '2023-10-31T03:00:00Z',
      'Lê Văn Dũng',
      'approver',
      {
        reason: 'Cần xác minh thực địa',
        newDueAt: '2023-11-03T09:30:00Z',
      },
      'apologize_extend',
    );
    expect(await gatherFormData('04', contextFor(late, [apology]).context)).toEqual({
      office,
      dossier: late,
      reason: 'Cần xác minh thực địa',
      newDueAt: '2023-11-03T09:30:00Z',
      head: { fullName: 'Lê Văn Dũng' },
    });
    const noEvent = await gatherFormData('04', contextFor(late, []).context);
    expect(noEvent.newDueAt).toBe(late.dueAt);
  });

  it('05 holds every event of the dossier and its procedure', async () => {
    const dossier = makeDossier();
    const events = [receiverEvent('receive', null, 'received', dossier.receivedAt)];
    expect(await gatherFormData('05', contextFor(dossier, events).context)).toEqual({
      office,
      dossier,
      events,
      procedure,
    });
  });

  it('06 needs no dossier: the rows of the asked year (default this year), each led by the office', async () => {
    const { context, asked } = contextFor(null, [], { year: 2023 });
    const data = await gatherFormData('06', context);
    expect(asked.years).toEqual([2023]);
    expect(data.year).toBe(2023);
    expect(data.entries.map((e) => [e.dossier.id, e.leadAgency])).toEqual([
      ['dossier-1', office.name],
      ['dossier-1', office.name],
    ]);
    const thisYear = contextFor(null, []);
    expect((await gatherFormData('06', thisYear.context)).year).toBe(new Date().getFullYear());
  });

  it('result carries a seal of the code and result number by the device key, which verifies', async () => {
    const dossier = sealedDossier();
    const seal = makeEvent('sealed', 'approved', '2023-10-31T07:00:00Z', 'Vũ Thị Hoa', 'sealer', {}, 'seal');
    const data = await gatherFormData('result', contextFor(dossier, [seal]).context);
    expect(data.officer).toEqual({ fullName: 'Vũ Thị Hoa' });
    expect(data.sealPayload).toBe(sealFor(dossier));
    const verified = await verifySealPayload(data.sealPayload, (id) =>
      id === device.keyId ? { publicKey: device.publicKey, officeAgencyCode: office.agencyCode } : null,
    );
    expect(verified.ok).toBe(true);
    await expect(gatherFormData('result', contextFor(makeDossier(), []).context)).rejects.toThrow(
      'no result',
    );
  });

  it('every form but the register needs a dossier', async () => {
    for (const kind of KINDS.filter((k) => k !== '06')) {
      await expect(gatherFormData(kind, contextFor(null, []).context)).rejects.toThrow('dossier required');
    }
  });
});

describe('where forms are offered', () => {
  it('lists every form once', () => {
    expect([...FORM_KINDS].sort()).toEqual([...KINDS].sort());
  });

  it('offers on a dossier the forms its state allows, in form order, labelled in the app language', () => {
    const offered = (dossier: Dossier, lang: 'vi' | 'en' = 'vi') =>
      formsOffered(dossier, lang).map((f) => `${f.kind}: ${f.label}`);
    expect(offered(makeDossier({ code: '', status: 'incomplete', dueAt: '' }))).toEqual([
      '02: In phiếu 02',
      '05: Phiếu kiểm soát (05)',
    ]);
    expect(offered(makeDossier({ code: '', status: 'refused_intake', dueAt: '' }))).toEqual([
      '03: In phiếu 03',
      '05: Phiếu kiểm soát (05)',
    ]);
    expect(offered(makeDossier({ originalDueAt: '2023-11-01T09:30:00Z' }), 'en')).toEqual([
      '01: Print form 01',
      '04: Print form 04',
      '05: Control sheet (05)',
    ]);
    expect(offered(sealedDossier())).toEqual([
      '01: In phiếu 01',
      '05: Phiếu kiểm soát (05)',
      'result: In phiếu kết quả (QR)',
    ]);
  });

  it('prints the paper that goes with a step, on the paper of its form', () => {
    expect(formAfterStep('receive')).toBe('01');
    expect(formAfterStep('record_incomplete')).toBe('02');
    expect(formAfterStep('refuse_intake')).toBe('03');
    expect(formAfterStep('request_supplement')).toBe('02');
    expect(formAfterStep('complete_intake')).toBe('01');
    expect(formAfterStep('supplement_received')).toBe('01');
    expect(formAfterStep('seal')).toBe('result');
    expect(formAfterStep('apologize_extend')).toBe('04');
    expect(formAfterStep('appraise')).toBeUndefined();
    expect(formAfterStep('refuse')).toBeUndefined();
    expect(paperOf('06')).toEqual({ pageSize: 'A4', landscape: true });
    expect(FORM_KINDS.filter((k) => k !== '06').map(paperOf)).toEqual(
      Array(7).fill({ pageSize: 'A5', landscape: false }),
    );
  });
});
