import { describe, expect, it } from 'vitest';
import { DEMO_PROCEDURES, DEMO_SECTORS } from '../demo';
import type { Procedure } from '../domain';
import { catalogueRows } from './export';
import { COLUMNS, MAX_IMPORT_ROWS, type Cell, type SheetRow } from './layout';
import { parseCatalogueSheet } from './parse';
import { planImport, type CatalogueState } from './plan';

const CLOCK = { today: '2026-03-10', now: '2026-03-10T02:00:00.000Z' };
const sheet = (rows: Cell[][]): SheetRow[] => rows.map((cells, i) => ({ number: i + 1, cells }));
const col = (key: (typeof COLUMNS)[number]['key']) => COLUMNS.findIndex((c) => c.key === key);

/** A procedure with a version already in force and one still to come. */
const VERSIONED: Procedure = {
  ...(DEMO_PROCEDURES.find((p) => p.id === 'proc-cai-chinh') as Procedure),
  versions: [
    {
      version: 2,
      effectiveFrom: '2026-02-01',
      legalTime: { unit: 'working_days', value: 2 },
      fees: [{ label: 'Lệ phí hộ tịch', amountVnd: 30_000 }],
      requiredDocuments: [
        { id: 'doc-v2-a', name: 'Tờ khai', copyType: 'original', count: 1, mandatory: true },
      ],
      basis: 'QĐ 12/2026',
    },
    {
      version: 3,
      effectiveFrom: '2026-06-01',
      legalTime: { unit: 'working_hours', value: 8 },
      fees: [],
      requiredDocuments: [],
    },
  ],
};
const STATE: CatalogueState = {
  procedures: [...DEMO_PROCEDURES.filter((p) => p.id !== VERSIONED.id), VERSIONED],
  sectors: DEMO_SECTORS,
};

function plan(rows: Cell[][], state: CatalogueState = STATE) {
  const parsed = parseCatalogueSheet(sheet(rows));
  if (!parsed.ok) throw new Error(parsed.error);
  return planImport(parsed, state, CLOCK);
}

describe('catalogue workbook round trip', () => {
  it('imports its own export as unchanged, every procedure and version', () => {
    const rows = catalogueRows(STATE.procedures, STATE.sectors);
    const result = plan(rows);
    expect(result.errors).toEqual([]);
    expect(result.sectorsAdded).toEqual([]);
    expect(result.counts).toMatchObject({ added: 0, changed: 0, unchanged: STATE.procedures.length });
    expect(result.procedures.map((p) => p.after)).toEqual(result.procedures.map((p) => p.before));
  });

  it('adds the whole catalogue to an empty one, sectors included, and reads it back unchanged', () => {
    const rows = catalogueRows(STATE.procedures, STATE.sectors);
    const first = plan(rows, { procedures: [], sectors: [] });
    expect(first.errors).toEqual([]);
    expect(first.counts.added).toBe(STATE.procedures.length);
    expect(first.sectorsAdded.map((s) => s.code).sort()).toEqual(
      [...new Set(STATE.procedures.map((p) => DEMO_SECTORS.find((s) => s.id === p.sectorId)?.code))].sort(),
    );
    const state = { procedures: first.procedures.map((p) => p.after), sectors: first.sectorsAdded };
    const again = plan(catalogueRows(state.procedures, state.sectors), state);
    expect(again.counts).toMatchObject({ added: 0, changed: 0, unchanged: STATE.procedures.length });
  });
});

describe('catalogue import plan', () => {
  const base = () => catalogueRows([VERSIONED], DEMO_SECTORS);
  const v1 = (rows: Cell[][]) => rows[1] as Cell[];

  it('changes what a procedure does not version (its name) and says which column', () => {
    const rows = base();
    v1(rows)[col('name')] = 'Tên mới';
    const result = plan(rows);
    expect(result.procedures[0]).toMatchObject({ status: 'changed', fields: ['Tên thủ tục'] });
    expect(result.procedures[0]?.after.name).toBe('Tên mới');
  });

  it('refuses to change the terms of a version in force, and to remove it', () => {
    const rows = base();
    v1(rows)[col('legalTimeValue')] = 9;
    const result = plan(rows);
    expect(result.procedures).toEqual([]);
    expect(result.errors[0]?.messages[0]).toMatch(/Phiên bản 1 đã áp dụng/);

    const removed = plan(base().filter((r) => r[col('version')] !== 2));
    expect(removed.errors[0]?.messages[0]).toMatch(/Phiên bản 2 .*không được xóa/);
  });

  it('lets a version not yet in force change, and adds a new one from today', () => {
    const rows = base();
    (rows[3] as Cell[])[col('effectiveFrom')] = '15/06/2026';
    const fourth = [...(rows[3] as Cell[])];
    fourth[col('version')] = 4;
    fourth[col('effectiveFrom')] = '10/03/2026';
    const result = plan([...rows, fourth]);
    // Version 4 before version 3: refused, dates must increase with the numbers.
    expect(result.errors.map((e) => e.messages[0])).toEqual([
      expect.stringMatching(/ngày hiệu lực sau phiên bản 3/),
    ]);

    fourth[col('effectiveFrom')] = '01/07/2026';
    const ok = plan([...rows, fourth]);
    expect(ok.errors).toEqual([]);
    expect(ok.procedures[0]?.after.versions?.map((v) => [v.version, v.effectiveFrom])).toEqual([
      [2, '2026-02-01'],
      [3, '2026-06-15'],
      [4, '2026-07-01'],
    ]);
  });

  it('refuses a new version dated in the past', () => {
    const rows = base();
    const fourth = [...(rows[3] as Cell[])];
    fourth[col('version')] = 4;
    fourth[col('effectiveFrom')] = '01/07/2026';
    (rows[3] as Cell[])[col('effectiveFrom')] = '01/03/2026';
    const result = plan([...rows, fourth]);
    expect(result.errors[0]?.messages[0]).toMatch(/01\/03\/2026 đã qua/);
  });

  it('keeps document ids by name and gives new documents new ids', () => {
    const rows = base();
    v1(rows)[col('name')] = 'Đổi tên';
    const v3 = rows[3] as Cell[];
    v3[col('documents')] = 'Tờ khai | bản chính | 1 | bắt buộc\nẢnh 4x6 | bản chính | 2 | không bắt buộc';
    const after = plan(rows).procedures[0]?.after;
    expect(after?.requiredDocuments.map((d) => d.id)).toEqual(VERSIONED.requiredDocuments.map((d) => d.id));
    expect(after?.versions?.[1]?.requiredDocuments).toEqual([
      { id: 'doc-v2-a', name: 'Tờ khai', copyType: 'original', count: 1, mandatory: true },
      { id: 'proc-cai-chinh-v3-d1', name: 'Ảnh 4x6', copyType: 'original', count: 2, mandatory: false },
    ]);
  });

  it('writes nothing of a procedure with one bad row, and says so on its other rows', () => {
    const rows = base();
    (rows[2] as Cell[])[col('fees')] = 'Lệ phí: ba mươi nghìn';
    const result = plan(rows);
    expect(result.procedures).toEqual([]);
    expect(result.errors.map((e) => e.row)).toEqual([2, 3, 3, 4].filter((r, i, a) => a.indexOf(r) === i));
    expect(result.errors.find((e) => e.row === 3)?.messages[0]).toMatch(/Cột "Phí, lệ phí"/);
    expect(result.counts.errorRows).toBe(3);
  });

  it('needs a sector name for a new sector code, and adds the sector with the procedure', () => {
    const rows = catalogueRows([{ ...VERSIONED, versions: undefined }], DEMO_SECTORS);
    v1(rows)[col('code')] = '9.000001';
    v1(rows)[col('sectorCode')] = 'MOI';
    v1(rows)[col('sectorName')] = null;
    expect(plan(rows).errors[0]?.messages[0]).toMatch(/Lĩnh vực "MOI" chưa có/);
    v1(rows)[col('sectorName')] = 'Lĩnh vực mới';
    const result = plan(rows);
    expect(result.sectorsAdded).toEqual([
      { id: 'sec-MOI', code: 'MOI', name: 'Lĩnh vực mới', updatedAt: CLOCK.now },
    ]);
    expect(result.procedures[0]).toMatchObject({
      status: 'added',
      after: { id: 'proc-9.000001', sectorId: 'sec-MOI' },
    });
  });

  it('refuses two rows of the same version, and a procedure without its version 1 row', () => {
    const rows = base();
    const twice = plan([...rows, rows[2] as Cell[]]);
    expect(twice.procedures).toEqual([]);
    expect(twice.errors.some((e) => /hai dòng phiên bản 2/.test(e.messages[0] ?? ''))).toBe(true);
    const orphan = plan([rows[0] as Cell[], rows[3] as Cell[]]);
    expect(orphan.errors[0]?.messages[0]).toMatch(/thiếu dòng phiên bản 1/);
  });

  it('caps the rows of one import', () => {
    const rows = base();
    const many = [rows[0] as Cell[], ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => rows[1] as Cell[])];
    const parsed = parseCatalogueSheet(sheet(many));
    expect(parsed).toEqual({ ok: false, error: expect.stringMatching(/hơn 3\.000 dòng/) });
  });
});
