import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dailyLogFileName, logFilesToPrune, pruneLogs, redactContext, rolledLogFileName } from './files';

const NOW = new Date(2026, 10, 27, 9, 30); // 27/11/2026 09:30 local

describe('daily log files', () => {
  it('names a file per local day', () => {
    expect(dailyLogFileName(NOW)).toBe('motcua-2026-11-27.log');
    expect(dailyLogFileName(new Date(2026, 0, 1, 0, 0))).toBe('motcua-2026-01-01.log');
  });

  it.each([
    [1, ['motcua-2026-11-26.log', 'motcua-2026-10-01.log', 'motcua-2026-11-26.1.log']],
    [2, ['motcua-2026-10-01.log']],
    [30, ['motcua-2026-10-01.log']],
    [60, []],
  ])('keeping %i days prunes %j', (keepDays, expected) => {
    const names = [
      'motcua-2026-11-27.log',
      'motcua-2026-11-26.log',
      'motcua-2026-11-26.1.log',
      'motcua-2026-10-01.log',
      'notes.txt',
      'motcua-latest.log',
    ];
    expect(logFilesToPrune(names, NOW, keepDays).sort()).toEqual([...expected].sort());
  });

  it('deletes old day files from the folder and nothing else', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-logs-'));
    try {
      for (const name of ['motcua-2026-11-27.log', 'motcua-2026-09-30.log', 'keep-me.log']) {
        await fs.writeFile(path.join(dir, name), 'x');
      }
      expect(await pruneLogs(dir, NOW, 30)).toEqual(['motcua-2026-09-30.log']);
      expect((await fs.readdir(dir)).sort()).toEqual(['keep-me.log', 'motcua-2026-11-27.log']);
      expect(await pruneLogs(path.join(dir, 'missing'), NOW)).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('rolls a full file to the next free index', () => {
    expect(rolledLogFileName([], NOW)).toBe('motcua-2026-11-27.1.log');
    expect(rolledLogFileName(['motcua-2026-11-27.1.log'], NOW)).toBe('motcua-2026-11-27.2.log');
  });

  it('masks personal data in log context', () => {
    expect(
      redactContext({
        idNumber: '001099012345',
        phone: '0912345678',
        dossierCode: 'H56.22-261127-0001',
        attempt: 2,
      }),
    ).toEqual({ idNumber: '[redacted]', phone: '[redacted]', dossierCode: 'H56.22-261127-0001', attempt: 2 });
  });
});
