import { describe, expect, it } from 'vitest';
import { parseNdjson } from '../../../shared/sync/ndjson';
import { encodeNdjson } from './wire';

const decoder = new TextDecoder();
const read = (bytes: Uint8Array) =>
  parseNdjson(bytes, (start, end) => decoder.decode(bytes.subarray(start, end)));

describe('NDJSON bodies', () => {
  it('round-trips documents with Vietnamese text and line breaks inside their strings', () => {
    const docs = [
      { id: 'a', notes: 'Hồ sơ hợp lệ\nđủ thành phần', n: 1 },
      { id: 'b', notes: 'Tờ khai\r\nký tên', nested: { list: [1, 'hai', null] } },
    ];
    const bytes = encodeNdjson(docs);
    expect(decoder.decode(bytes).split('\n')).toHaveLength(3); // two lines, each ended by a line feed
    expect(read(bytes)).toEqual(docs);
  });

  it('skips blank lines, accepts CRLF line ends, and names the line that is not JSON', () => {
    const text = '{"id":"a"}\r\n\n{"id":"b"}\n';
    expect(read(new TextEncoder().encode(text))).toEqual([{ id: 'a' }, { id: 'b' }]);
    const broken = new TextEncoder().encode('{"id":"a"}\n\n{"id":\n');
    expect(() => read(broken)).toThrow(/^line 3: /);
  });
});
