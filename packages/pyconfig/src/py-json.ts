import { pyJsonText, type PyValue } from '@shardwise/core';

/**
 * JSON text of a to_dict value laid out exactly like Python's `json.dumps(v, indent=2, ensure_ascii=False)`:
 * floats keep their Python form (`80.0`, `1e-06`), ints are exact at any size, tuples become arrays,
 * dict keys become strings as json.dumps makes them (`0`, `true`, `null`). JSON.stringify cannot do
 * this: it prints 80.0 as 80. Non-finite floats, which JSON cannot hold, are written as the strings
 * "nan", "inf", "-inf"; opaque values as their `<kind label>` string (core's lenient pyJsonText).
 */
export function toPyJson(v: PyValue, indent = 2, level = 0): string {
  return pyJsonText(v, { indent, level, lenient: true });
}
