/**
 * Large parameters between the server and PostgreSQL, as PostgreSQL's binary array format.
 *
 * A group commit's rows are megabytes of JSON. Joined into one string, V8 puts that string in its
 * large-object space, fresh memory on every allocation: building and encoding it costs more than
 * checking the rows. So each document stays a small string, encoded on
 * its own, and the rows go as one array per column, which PostgreSQL reads element by element
 * (`unnest`) without parsing one big JSON document first.
 */

/** OIDs of the element types (pg_type). */
const OID = { bool: 16, int4: 23, json: 114, text: 25 } as const;

/**
 * A one-dimensional array in PostgreSQL's binary format: dimensions, null flag, element type, then
 * each element as its length and its binary form (length -1 for NULL): a string's is its UTF-8 text,
 * a number's `numberBytes` big-endian bytes (1 for a boolean, 4 for an int4). Written into one
 * buffer: an allocation per element costs more than the rest.
 */
function binaryArray(
  elementOid: number,
  elements: readonly (string | number | null)[],
  numberBytes: 1 | 4 = 1,
): Buffer {
  if (elements.length === 0) {
    const empty = Buffer.alloc(12); // no dimensions
    empty.writeInt32BE(elementOid, 8);
    return empty;
  }
  let size = 20;
  for (const e of elements)
    size += 4 + (e === null ? 0 : typeof e === 'number' ? numberBytes : Buffer.byteLength(e));
  const out = Buffer.allocUnsafe(size);
  out.writeInt32BE(1, 0);
  out.writeInt32BE(elements.includes(null) ? 1 : 0, 4);
  out.writeInt32BE(elementOid, 8);
  out.writeInt32BE(elements.length, 12);
  out.writeInt32BE(1, 16); // lower bound
  let at = 20;
  for (const e of elements) {
    if (e === null) {
      at = out.writeInt32BE(-1, at);
    } else if (typeof e === 'number') {
      at = out.writeInt32BE(numberBytes, at);
      at = numberBytes === 1 ? out.writeUInt8(e, at) : out.writeInt32BE(e, at);
    } else {
      const length = out.write(e, at + 4, 'utf8');
      out.writeInt32BE(length, at);
      at += 4 + length;
    }
  }
  return out;
}

/** A `$n::text[]` parameter. */
export function textArrayParam(values: readonly (string | null)[]): Buffer {
  return binaryArray(OID.text, values);
}

/** A `$n::boolean[]` parameter. */
export function boolArrayParam(values: readonly boolean[]): Buffer {
  return binaryArray(
    OID.bool,
    values.map((v) => (v ? 1 : 0)),
  );
}

/** A `$n::int[]` parameter (32-bit integers). */
export function intArrayParam(values: readonly (number | null)[]): Buffer {
  return binaryArray(OID.int4, values, 4);
}

/** A `$n::json[]` parameter of JSON texts (each valid JSON; json's binary form is its text). */
export function jsonArrayParam(texts: readonly string[]): Buffer {
  return binaryArray(OID.json, texts);
}
