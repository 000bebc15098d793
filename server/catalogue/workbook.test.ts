import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  COLUMNS,
  MAX_IMPORT_ROWS,
  catalogueRows,
  parseCatalogueSheet,
  planImport,
  type Cell,
} from '../../shared/catalogue';
import { DEMO_PROCEDURES, DEMO_SECTORS } from '../../shared/demo';
import { UNREADABLE, readCatalogueWorkbook, writeCatalogueWorkbook } from './workbook';

const CLOCK = { today: '2026-03-10', now: '2026-03-10T02:00:00.000Z' };
const STATE = { procedures: DEMO_PROCEDURES, sectors: DEMO_SECTORS };

async function bookOf(rows: unknown[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Thủ tục');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function planOf(bytes: Uint8Array) {
  const read = await readCatalogueWorkbook(bytes);
  if (!read.ok) throw new Error(read.error);
  const parsed = parseCatalogueSheet(read.rows);
  if (!parsed.ok) throw new Error(parsed.error);
  return planImport(parsed, STATE, CLOCK);
}

describe('catalogue workbook file', () => {
  it('reads its own export back unchanged (round trip through .xlsx)', async () => {
    const bytes = await writeCatalogueWorkbook(catalogueRows(DEMO_PROCEDURES, DEMO_SECTORS), new Date());
    const plan = await planOf(bytes);
    expect(plan.errors).toEqual([]);
    expect(plan.counts).toMatchObject({ added: 0, changed: 0, unchanged: DEMO_PROCEDURES.length });
  });

  it('refuses a formula cell on its row, whatever its cached result, and keeps the other rows', async () => {
    const rows = catalogueRows(DEMO_PROCEDURES.slice(0, 2), DEMO_SECTORS);
    const withFormula: unknown[][] = rows.map((r) => [...r]);
    const legalTime = COLUMNS.findIndex((c) => c.key === 'name');
    (withFormula[2] as unknown[])[legalTime] = { formula: 'UPPER("x")', result: 'X' };
    (withFormula[1] as Cell[])[COLUMNS.findIndex((c) => c.key === 'name')] = 'Đổi tên';
    const plan = await planOf(await bookOf(withFormula));
    expect(plan.errors).toEqual([
      { row: 3, code: DEMO_PROCEDURES[1]?.code, messages: [expect.stringMatching(/Ô B3 chứa công thức/)] },
    ]);
    expect(plan.procedures.map((p) => [p.code, p.status])).toEqual([[DEMO_PROCEDURES[0]?.code, 'changed']]);
  });

  it('refuses a workbook whose columns are not the layout', async () => {
    const read = await readCatalogueWorkbook(
      await bookOf([
        ['Họ tên', 'Số điện thoại'],
        ['A', '0912'],
      ]),
    );
    expect(read.ok).toBe(true);
    const parsed = parseCatalogueSheet(read.ok ? read.rows : []);
    expect(parsed).toEqual({
      ok: false,
      error: expect.stringMatching(/không đúng mẫu.*"Họ tên", "Số điện thoại"/),
    });
  });

  it('refuses 50,000 rows with a clear message, reading no further than the cap', async () => {
    const header = COLUMNS.map((c) => c.header);
    const row = catalogueRows(DEMO_PROCEDURES.slice(0, 1), DEMO_SECTORS)[1] as Cell[];
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Thủ tục');
    sheet.addRow(header);
    for (let i = 0; i < 50_000; i++) sheet.addRow(row);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    let furthest = 0;
    const read = await readCatalogueWorkbook(bytes, { onRows: (n) => (furthest = Math.max(furthest, n)) });
    expect(read).toEqual({
      ok: false,
      error: expect.stringMatching(/hơn 3\.000 dòng.*chia thành nhiều tệp/),
    });
    expect(furthest).toBeLessThanOrEqual(MAX_IMPORT_ROWS);
  }, 120_000);

  it('refuses a corrupt file, a truncated one and one that is not a workbook', async () => {
    const good = await writeCatalogueWorkbook(catalogueRows(DEMO_PROCEDURES, DEMO_SECTORS), new Date());
    const truncated = good.slice(0, Math.floor(good.length / 2));
    const scrambled = Uint8Array.from(good, (b, i) => (i > 200 && i % 7 === 0 ? b ^ 0x5a : b));
    const notWorkbooks = [
      new TextEncoder().encode('Mã thủ tục,Tên\n1,x'),
      new Uint8Array(),
      good.slice(0, 60),
    ];
    for (const bytes of [truncated, scrambled, ...notWorkbooks]) {
      const read = await readCatalogueWorkbook(bytes);
      expect(read).toEqual({ ok: false, error: expect.stringContaining(UNREADABLE) });
    }
  });
});
