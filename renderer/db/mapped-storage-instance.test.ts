import { fillWithDefaultSettings, type RxDocumentData, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { MAP_SLICE, mappedStorageInstance } from './mapped-storage-instance';

type Note = { id: string; text: string };

const schema = fillWithDefaultSettings({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 20 }, text: { type: 'string' } },
  required: ['id', 'text'],
} as RxJsonSchema<Note>) as RxJsonSchema<RxDocumentData<Note>>;

describe('a mapped storage instance', () => {
  it('maps a write larger than one slice in tasks of its own, and writes every row once, in order', async () => {
    const inner = await getRxStorageMemory().createStorageInstance<Note>({
      databaseInstanceToken: 'token',
      databaseName: `mapped${Date.now()}`,
      collectionName: 'notes',
      schema,
      options: {},
      multiInstance: false,
      devMode: false,
    });
    const mapped: string[] = [];
    const instance = mappedStorageInstance(
      schema,
      inner,
      (doc) => {
        mapped.push(doc.id);
        return { ...doc, text: doc.text.toUpperCase() };
      },
      (doc) => ({ ...doc, text: doc.text.toLowerCase() }),
    );
    const rows = Array.from({ length: MAP_SLICE * 2 + 1 }, (_, i) => ({
      document: {
        id: `n${String(i).padStart(4, '0')}`,
        text: `note ${i}`,
        _deleted: false,
        _attachments: {},
        _rev: '1-a',
        _meta: { lwt: Date.now() },
      },
    }));
    // A task queued as the write starts runs before the write is through: the page is not held.
    let ranBetween = false;
    setTimeout(() => (ranBetween = true), 0);
    const result = await instance.bulkWrite(rows, 'test');
    expect(result.error).toEqual([]);
    expect(ranBetween).toBe(true);
    expect(mapped).toEqual(rows.map((r) => r.document.id));
    const stored = await inner.findDocumentsById(
      ['n0000', `n${String(MAP_SLICE * 2).padStart(4, '0')}`],
      false,
    );
    expect(stored.map((d) => d.text)).toEqual(['NOTE 0', `NOTE ${MAP_SLICE * 2}`]);
    const read = await instance.findDocumentsById(['n0001'], false);
    expect(read[0]?.text).toBe('note 1');
    await inner.close();
  });
});
