import { describe, expect, it } from 'vitest';
import { dossierLookupSchema, lookupNameKey, lookupQueryOf } from './lookup';

describe('what the search box asks the server', () => {
  it.each([
    ['000.00.06.H56-231027-0361', { by: 'code', code: '000.00.06.H56-231027-0361' }],
    [' 000.00.06.h56-231027-0361 ', { by: 'code', code: '000.00.06.H56-231027-0361' }],
    ['034 185 002 468', { by: 'idNumber', idNumber: '034185002468' }],
    ['034.185.002', { by: 'idNumber', idNumber: '034185002' }],
    ['0101234567', { by: 'idNumber', idNumber: '0101234567' }],
    ['0101234567-001', { by: 'idNumber', idNumber: '0101234567001' }],
    ['Trần Thị Bình', { by: 'name', name: 'Trần Thị Bình' }],
    ['an', { by: 'name', name: 'an' }],
    ['+84 912 345 678', null],
    ['0345', null],
    ['a', null],
    ['  ', null],
    ['--', null],
  ])('%s → %j', (text, query) => {
    expect(lookupQueryOf(text)).toEqual(query);
    if (query) expect(dossierLookupSchema.safeParse(query).success).toBe(true);
  });

  it("keys a name as the counter's name index does", () => {
    expect(lookupNameKey('  Nguyễn-Văn   ĐỨC ')).toBe('nguyen van duc');
  });

  it('refuses malformed lookups with a message naming the field', () => {
    for (const body of [
      { by: 'code', code: '123' },
      { by: 'idNumber', idNumber: '12345678' },
      { by: 'name', name: '?' },
      { by: 'name', name: 'x'.repeat(121) },
      { by: 'code', code: '000.00.06.H56-231027-0361', more: true },
    ]) {
      const parsed = dossierLookupSchema.safeParse(body);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message ?? '').not.toBe('');
    }
  });
});
