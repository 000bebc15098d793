import { describe, expect, it } from 'vitest';
import type { PushRow } from '../../../shared/sync/contract';
import { mapLimited, pushParts } from './push-parts';

const event = (dossier: number, seq: number): PushRow =>
  ({
    newDocumentState: { id: `d${dossier}-e${seq}`, dossierId: `d${dossier}`, seq, _deleted: false },
    assumedMasterState: null,
  }) as PushRow;
const byDossier = (row: PushRow) => String(row.newDocumentState.dossierId);
const ids = (parts: PushRow[][]) => parts.map((p) => p.map((r) => r.newDocumentState.id));

describe('push requests made of one push call', () => {
  it('splits a large batch into requests of at most maxRows, keeping every row once and in order', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => event(i, 1));
    const parts = pushParts(rows, { maxRows: 500, parts: 8, minRows: 50 });
    expect(parts).toHaveLength(8);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(500);
    expect(parts.flat()).toEqual(rows);
  });

  it('keeps a small batch in one request', () => {
    const rows = Array.from({ length: 60 }, (_, i) => event(i, 1));
    expect(pushParts(rows, { maxRows: 500, parts: 4, minRows: 50 })).toHaveLength(1);
    expect(pushParts([], { maxRows: 500, parts: 4, minRows: 50 })).toEqual([]);
  });

  it('never separates the events of one dossier, even when they are not next to each other', () => {
    const rows: PushRow[] = [];
    for (let d = 0; d < 300; d++) rows.push(event(d, 1), event(d, 2));
    rows.push(event(7, 3)); // a later step of an early dossier, at the end of the batch
    const parts = pushParts(rows, { maxRows: 500, parts: 4, minRows: 50, groupOf: byDossier });
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(500);
    const partOf = new Map<string, number>();
    parts.forEach((part, i) =>
      part.forEach((r) => {
        const d = byDossier(r);
        expect(partOf.get(d) ?? i).toBe(i);
        partOf.set(d, i);
      }),
    );
    expect(ids(parts).flat().sort()).toEqual(rows.map((r) => r.newDocumentState.id).sort());
    expect(parts.length).toBeGreaterThan(1);
  });

  it('cuts a dossier with more events than a request can carry', () => {
    const rows = Array.from({ length: 1200 }, (_, i) => event(1, i + 1));
    const parts = pushParts(rows, { maxRows: 500, parts: 2, minRows: 50, groupOf: byDossier });
    expect(parts.map((p) => p.length)).toEqual([500, 500, 200]);
    expect(parts.flat()).toEqual(rows);
  });
});

describe('mapLimited', () => {
  it('runs at most `limit` tasks at once and returns results in order', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimited([5, 1, 4, 2, 3, 0], 2, async (ms) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, ms * 3));
      running--;
      return ms * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
  });
});
