import { describe, expect, it } from 'vitest';
import { cellText, parseDate, parseDocuments, parseFees, parseLegalTime, parseSteps } from './cells';
import { COLUMNS, type Cell } from './layout';
import { parseCatalogueSheet, parseRow, readHeader } from './parse';

const HEADER: Cell[] = COLUMNS.map((c) => c.header);
const columns = (() => {
  const head = readHeader(HEADER);
  if ('error' in head) throw new Error(head.error);
  return head.columns;
})();
const row = (values: Partial<Record<(typeof COLUMNS)[number]['key'], Cell>>, number = 2) => ({
  number,
  cells: COLUMNS.map((c) => values[c.key] ?? null),
});
const GOOD = {
  code: '1.001193',
  name: 'Đăng ký khai sinh',
  sectorCode: 'HT',
  legalTimeUnit: 'giải quyết ngay',
  onSiteSteps: 'tiếp nhận, trả kết quả',
};

describe('catalogue cells', () => {
  it.each([
    ['3', 'ngày làm việc', { unit: 'working_days', value: 3 }],
    [8, 'Giờ làm việc', { unit: 'working_hours', value: 8 }],
    ['15', 'ngày', { unit: 'calendar_days', value: 15 }],
    [null, 'giải quyết ngay', { unit: 'immediate' }],
  ] as const)('reads legal time %s %s', (value, unit, expected) => {
    expect(parseLegalTime(value, unit)).toEqual(expected);
  });

  it.each([
    ['0', 'ngày làm việc', /phải từ 1 đến 365/],
    ['ba', 'ngày làm việc', /không phải số nguyên/],
    [null, 'tuần', /đơn vị thời hạn "tuần" không hợp lệ/],
    ['2', 'giải quyết ngay', /không ghi số/],
    [null, 'ngày làm việc', /thiếu số/],
  ] as const)('refuses legal time %s %s', (value, unit, message) => {
    expect(() => parseLegalTime(value, unit)).toThrow(message);
  });

  it('reads fees with thousands separators and labels holding colons', () => {
    expect(parseFees('Lệ phí: bản sao: 8.000\nPhí thẩm định: 1,500,000 đ\n')).toEqual([
      { label: 'Lệ phí: bản sao', amountVnd: 8000 },
      { label: 'Phí thẩm định', amountVnd: 1_500_000 },
    ]);
    expect(() => parseFees('Lệ phí 8000')).toThrow(/Tên khoản: số tiền/);
  });

  it('reads documents with defaults and refuses unknown copy types', () => {
    expect(parseDocuments('Tờ khai\nHộ chiếu | bản sao có chứng thực | 2 | không bắt buộc')).toEqual([
      { name: 'Tờ khai', copyType: 'original', count: 1, mandatory: true },
      { name: 'Hộ chiếu', copyType: 'certified_copy', count: 2, mandatory: false },
    ]);
    expect(() => parseDocuments('Tờ khai | bản photo')).toThrow(/loại bản "bản photo"/);
  });

  it('reads on-site steps in the model order', () => {
    expect(parseSteps('trả kết quả, Tiếp nhận')).toEqual(['receive', 'return']);
    expect(() => parseSteps('')).toThrow(/ít nhất một bước/);
  });

  it('reads dates as dd/mm/yyyy, ISO or Excel serials, and refuses impossible ones', () => {
    expect(parseDate('1/7/2026')).toBe('2026-07-01');
    expect(parseDate('2026-07-01')).toBe('2026-07-01');
    expect(parseDate(46204)).toBe('2026-07-01');
    expect(() => parseDate('31/02/2026')).toThrow(/không hợp lệ/);
  });

  it('refuses formulas and error values instead of reading a computed value', () => {
    expect(() => cellText({ formula: 'A1*2' })).toThrow(/công thức/);
    expect(() => cellText({ error: '#REF!' })).toThrow(/#REF!/);
  });
});

describe('catalogue sheet', () => {
  it('reads a good row', () => {
    expect(parseRow(row(GOOD), columns)).toMatchObject({
      code: '1.001193',
      version: 1,
      legalTime: { unit: 'immediate' },
      base: { name: 'Đăng ký khai sinh', sectorCode: 'HT', onSiteSteps: ['receive', 'return'], active: true },
    });
  });

  it('gives every reason of a bad row, in Vietnamese, with its row number', () => {
    const bad = parseRow(
      row({ ...GOOD, code: 'mã có dấu', name: null, legalTimeUnit: 'tuần', active: 'Chắc' }, 7),
      columns,
    );
    expect(bad).toMatchObject({ row: 7 });
    expect('messages' in bad && bad.messages).toEqual([
      expect.stringMatching(/Mã thủ tục.*chữ không dấu/),
      expect.stringMatching(/Đơn vị thời hạn|Thời hạn giải quyết/),
      expect.stringMatching(/Tên thủ tục.*bắt buộc/),
      expect.stringMatching(/Đang áp dụng.*Có hoặc Không/),
    ]);
  });

  it('refuses a row with a formula anywhere, naming the cell', () => {
    const bad = parseRow(row({ ...GOOD, basis: { formula: 'SUM(A1:A3)' } }, 4), columns);
    expect(bad).toMatchObject({ row: 4, messages: [expect.stringMatching(/Ô N4 chứa công thức/)] });
  });

  it('needs an effective date from version 2 and none on version 1', () => {
    const v2 = parseRow(row({ code: 'X', version: 2, legalTimeUnit: 'giải quyết ngay' }), columns);
    expect('messages' in v2 && v2.messages[0]).toMatch(/Hiệu lực từ.*bắt buộc từ phiên bản 2/);
    const v1 = parseRow(row({ ...GOOD, effectiveFrom: '01/01/2026' }), columns);
    expect('messages' in v1 && v1.messages[0]).toMatch(/để trống ở phiên bản 1/);
  });

  it('refuses a sheet whose header is not the layout, naming wrong and missing columns', () => {
    const wrong = parseCatalogueSheet([
      { number: 1, cells: ['Mã', 'Tên', 'Giá'] },
      { number: 2, cells: ['1', 'x', 2] },
    ]);
    expect(wrong).toEqual({
      ok: false,
      error: expect.stringMatching(/cột không thuộc mẫu: "Mã", "Tên", "Giá"; thiếu cột: "Mã thủ tục"/),
    });
    expect(parseCatalogueSheet([])).toMatchObject({ ok: false });
    expect(parseCatalogueSheet([{ number: 1, cells: HEADER }])).toEqual({
      ok: false,
      error: expect.stringMatching(/không có dòng thủ tục/),
    });
  });

  it('matches headers whatever their case and spacing, and skips blank rows', () => {
    const parsed = parseCatalogueSheet([
      { number: 1, cells: HEADER.map((h) => `  ${String(h).toUpperCase()} `) },
      { number: 2, cells: [null, ' '] },
      row(GOOD, 3),
    ]);
    expect(parsed).toMatchObject({ ok: true, errors: [], rows: [{ row: 3 }] });
  });
});
