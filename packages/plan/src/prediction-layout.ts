import { isJsonSpace } from '@shardwise/core';

/** Where each top-level key's line starts in the layout of `json.dump(obj, f, indent=4)`. */
const KEY_LINE = Buffer.from('\n    "');

/**
 * Rows of a prediction file read off the layout OpenCompass writes it in (`dump_results_dict`: `json.dump(...,
 * indent=4, ensure_ascii=False)`, docs/opencompass.md §2.2) without scanning its text; undefined when the bytes
 * are not in that layout, and only the exact text scan (`predictionRows`) can tell.
 *
 * It trusts the indentation json.dump writes: a raw newline never occurs inside a string (json escapes it) and
 * nested lines are indented 8 spaces or more, so the top-level keys are exactly the places where a newline is
 * followed by 4 spaces and a quote (found by the native `Buffer.indexOf`). It checks the frame (`{\n    "` first,
 * the top-level `}` alone on the last line, only whitespace after it); each key: `"<i>": ` with i the number of
 * keys before it, written plainly, after a `,` from the second on (other keys, or keys out of order, go to the
 * text scan); and the two ends of each top-level value: `{}`/`[]`, a bracket followed by a line indented 8 and
 * closed alone on a line indented 4, or a scalar ending in a quote, digit or letter. It does not look inside
 * values, so it differs from the text scan only on files json.dump does not write: a string left open or
 * brackets that do not balance inside a value (the text scan refuses the file, this counts its key lines), and
 * a line indented 4 spaces starting with a quote at a deeper level (counted as a key).
 */
export function layoutRows(b: Buffer): number | undefined {
  let end = b.length;
  while (end > 0 && isJsonSpace(b[end - 1]!)) end--;
  if (end < 9 || b[0] !== 0x7b || b[end - 1] !== 0x7d || b[end - 2] !== 0x0a || !lineAt(b, 1, 4) || b[6] !== 0x22) return undefined;
  for (let rows = 0, at = 1; ;) {
    const value = keyEnd(b, at + 6, rows);
    if (value < 0) return undefined;
    rows++;
    const next = b.indexOf(KEY_LINE, value);
    if (next >= 0 && b[next - 1] !== 0x2c) return undefined;
    // The value's last byte: before the next key line's `,`, or before the closing line.
    if (!valueFits(b, value, next >= 0 ? next - 2 : end - 3)) return undefined;
    if (next < 0) return rows;
    at = next;
  }
}

/** Where the value of the key at `first` starts, when the key is `"<rows>": ` written plainly; -1 otherwise. */
function keyEnd(b: Buffer, first: number, rows: number): number {
  let i = first;
  let n = 0;
  for (let d = b[i]! - 0x30; d >= 0 && d <= 9 && i - first < 9; d = b[++i]! - 0x30) n = n * 10 + d;
  if (i === first || n !== rows || (b[first] === 0x30 && i - first > 1)) return -1;
  return b[i] === 0x22 && b[i + 1] === 0x3a && b[i + 2] === 0x20 ? i + 3 : -1;
}

/** Whether bytes [first, last] begin and end a top-level value as json.dump writes one. */
function valueFits(b: Buffer, first: number, last: number): boolean {
  if (last < first) return false;
  const open = b[first]!;
  const end = b[last]!;
  if (open === 0x7b || open === 0x5b) {
    // `}` and `]` are two code points after their openers.
    if (end !== open + 2) return false;
    if (last === first + 1) return true;
    // Its first item on a line indented 8 spaces (depth 2), its closing bracket alone on one indented 4.
    return lineAt(b, first + 1, 8) && lineAt(b, last - 5, 4);
  }
  // A string, number, true/false/null or NaN/Infinity.
  return end === 0x22 || (end >= 0x30 && end <= 0x39) || end === 0x65 || end === 0x6c || end === 0x4e || end === 0x79;
}

/** Whether a newline at `at` is followed by `indent` spaces (compared here: Buffer.compare costs a native call). */
function lineAt(b: Buffer, at: number, indent: number): boolean {
  if (b[at] !== 0x0a) return false;
  for (let i = at + 1; i <= at + indent; i++) if (b[i] !== 0x20) return false;
  return true;
}
