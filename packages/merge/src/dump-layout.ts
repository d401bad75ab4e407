import { PyDict, type PyValue } from '@shardwise/core';
import { parseTopEntry } from './py-json.js';

/*
 * The bytes Python's `json.dump(obj, f, indent=4, ensure_ascii=False)` writes for a dict, as OpenCompass writes its
 * results (mmengine.dump, no trailing newline; docs/opencompass.md §2.4) and shardwise its merged ones (python-json.ts):
 * `{`, then each entry on a line of its own indented 4 spaces, nested lines indented 8 or more, and `\n}` last. A raw
 * newline never occurs inside a string (json escapes it), so the top-level keys are exactly the places `\n    "`.
 */

const KEY_LINE = '\n    "';
/** Two dict elements of a depth-1 list, one ending and the next starting on lines indented 8 spaces. */
const DICT_BOUNDARY = '},\n        {';
/** The start and end of a depth-1 list whose first and last elements are dicts. */
const DICT_LIST_START = '[\n        {';
const DICT_LIST_END = '}\n    ]';

/**
 * The top-level dict of a file in that layout, or undefined when the file is not (compact, indent 2, a BOM, a trailing
 * newline, a duplicate top-level key, any entry the exact parser would fail or warn on): then the caller parses the
 * whole text exactly. Entries are decoded and parsed exactly one by one (py-json's parseTopEntry), except the value of
 * `deferKey` when it is a list whose first and last elements are dicts: that is neither decoded nor parsed, only
 * counted (`deferred(length)`); any other list or dict there is left to the exact path too.
 *
 * Trusted, not validated, in that deferred list: its bytes are well-formed JSON without duplicate keys, indented as
 * json.dump indents, and every element is a dict: its length is the number of boundaries `},\n        {` plus one, so
 * a hand-edited list mixing dicts and other values at depth 2 would be miscounted.
 * A proper prefix of a file in the layout never ends with `\n}`, so a truncated file is never read here.
 */
export function readDumpLayout(bytes: Buffer, deferKey: string, deferred: (length: number) => PyValue): PyDict | undefined {
  const n = bytes.length;
  if (n < 8 || bytes[0] !== 0x7b || bytes[n - 2] !== 0x0a || bytes[n - 1] !== 0x7d) return undefined;
  // Byte offsets are found in a latin1 view (one char per byte): a string's indexOf is several times faster than a
  // Buffer's (a native call per search), and a file's latin1 decode is a copy. Entries are decoded as UTF-8.
  const text = bytes.toString('latin1');
  if (!text.startsWith(KEY_LINE, 1)) return undefined;
  const deferPrefix = `${JSON.stringify(deferKey)}: `;
  const out = new PyDict();
  for (let line = 1; line !== -1;) {
    const start = line + KEY_LINE.length - 1;
    const next = text.indexOf(KEY_LINE, start);
    // Each value but the last ends with the `,` before the next key line; the last one before the final `\n}`.
    const end = next === -1 ? n - 2 : next - 1;
    if (next !== -1 && text.charCodeAt(end) !== 0x2c) return undefined;
    const valueAt = start + deferPrefix.length;
    const deferHere = text.startsWith(deferPrefix, start);
    if (deferHere && (text.charCodeAt(valueAt) === 0x5b || text.charCodeAt(valueAt) === 0x7b)) {
      const length = dictListLength(text, valueAt, end);
      if (length === undefined || out.has(deferKey)) return undefined;
      out.set(deferKey, deferred(length));
    } else {
      const entry = parseTopEntry(bytes.toString('utf8', start, end));
      // A deferred key written with an escape is left to the exact path too.
      if (entry === undefined || out.has(entry[0]) || (entry[0] === deferKey && !deferHere)) return undefined;
      out.set(entry[0], entry[1]);
    }
    line = next;
  }
  return out;
}

/** The element count of the depth-1 list text[start, end) when its first and last elements are dicts, or it is `[]`. */
function dictListLength(text: string, start: number, end: number): number | undefined {
  if (end - start === 2 && text.startsWith('[]', start)) return 0;
  if (end - start < DICT_LIST_START.length + DICT_LIST_END.length || !text.startsWith(DICT_LIST_START, start)) return undefined;
  if (!text.startsWith(DICT_LIST_END, end - DICT_LIST_END.length)) return undefined;
  let count = 1;
  for (let at = text.indexOf(DICT_BOUNDARY, start); at !== -1 && at < end; at = text.indexOf(DICT_BOUNDARY, at + DICT_BOUNDARY.length))
    count++;
  return count;
}
