import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeDossier, transferredAndBack } from '../../../tests/support/print';
import { labelsFor } from '../printing/labels';
import { REGISTER_HEADINGS, registerWorkbook } from './register-workbook';

describe('the register (form 06) of a year as a workbook', () => {
  it('reads back one row per dossier, numbered from 01, with dates in Vietnam time and progress', async () => {
    const dossiers = Array.from({ length: 4_500 }, (_, i) =>
      makeDossier({
        id: `dossier-${i + 1}`,
        code: `000.00.06.H56-231027-${String(i + 1).padStart(4, '0')}`,
        receivedAt: '2023-10-27T01:30:00.000Z',
        dueAt: '2023-10-30T10:00:00.000Z',
        status: 'received',
      }),
    );
    const events = new Map([
      ['dossier-2', transferredAndBack('2023-10-27T01:30:00.000Z', '2023-10-29T02:00:00.000Z')],
    ]);
    const progress: number[] = [];
    const bytes = await registerWorkbook(
      { officeName: 'UBND huyện Vũ Thư', year: 2023, dossiers, events },
      (d) => progress.push(d),
    );
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer as ArrayBuffer);
    const sheet = book.getWorksheet('Sổ theo dõi 2023');
    if (!sheet) throw new Error('no register sheet');
    expect(String(sheet.getCell('A1').value)).toBe('SỔ THEO DÕI HỒ SƠ — UBND huyện Vũ Thư');
    expect(sheet.getRow(4).values).toEqual([undefined, ...REGISTER_HEADINGS]);
    expect(sheet.rowCount).toBe(4 + dossiers.length);
    const second = sheet.getRow(6);
    expect(second.getCell(1).value).toBe('02');
    expect(second.getCell(2).value).toBe('000.00.06.H56-231027-0002');
    expect(second.getCell(5).value).toBe('Nguyễn Văn An');
    // 01:30 UTC is 08:30 in Vietnam: the cell holds the wall-clock time the register shows.
    expect((second.getCell(8).value as Date).toISOString()).toBe('2023-10-27T08:30:00.000Z');
    expect((second.getCell(10).value as Date).toISOString()).toBe('2023-10-27T15:00:00.000Z');
    expect((second.getCell(11).value as Date).toISOString()).toBe('2023-10-29T09:00:00.000Z');
    expect(second.getCell(12).value).toBeNull();
    expect(second.getCell(13).value).toBe(labelsFor('vi').statuses.received);
    expect(second.getCell(8).numFmt).toBe('hh:mm dd/mm/yyyy');
    expect(sheet.getRow(4 + dossiers.length).getCell(1).value).toBe('4500');
  });
});
