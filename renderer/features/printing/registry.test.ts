import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html';
import { renderForm, type FormDataMap, type FormKind } from './registry';
import { makeDossier, office, sampleData, structureProblems, textOf } from '../../../tests/support/print';

const KINDS: FormKind[] = ['01', '02', '03', '04', '05', '06', 'result'];

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

  it.each(KINDS)('form %s has an English variant with the same data', async (kind) => {
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
