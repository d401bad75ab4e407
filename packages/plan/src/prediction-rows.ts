import { RunTree, type Issue } from '@shardwise/core';

/**
 * Rows of a prediction file: the number of top-level keys, which must be exactly "0".."N-1" (the eval task reads
 * `preds[str(i)] for i in range(len(preds))`, opencompass.md §2.2). Only the top level matters, so bare
 * NaN/Infinity tokens inside values do not.
 */
export type PredictionRows = { ok: true; rows: number } | { ok: false; reason: string };

/** A prediction file as counted: its rows (or why not), its size in bytes, or the issue that kept it unread. */
export type CountedFile = (PredictionRows & { bytes: number }) | { missing: true } | { issue: Issue };

/**
 * The prediction files of one run, each read and counted once per command: the sizes step and the check read
 * the same files. Reads go through the run's RunTree (listed folders, link checks).
 */
export class PredictionCounts {
  private readonly counted = new Map<string, CountedFile>();
  constructor(readonly tree: RunTree) {}

  /** `predictions/<model>/<abbr>.json`, run-relative. */
  count(rel: string): CountedFile {
    let found = this.counted.get(rel);
    if (!found) {
      const read = this.tree.read(rel);
      found = read.text !== undefined ? withBytes(predictionRows(read.text), Buffer.byteLength(read.text)) : read.issue ? { issue: read.issue } : { missing: true };
      this.counted.set(rel, found);
    }
    return found;
  }

  /** Whether `rel` was counted already (read, found missing or refused). */
  has(rel: string): boolean {
    return this.counted.has(rel);
  }

  /** The size of a file already counted, from its read. */
  bytesOf(rel: string): number | undefined {
    const found = this.counted.get(rel);
    return found && 'bytes' in found ? found.bytes : undefined;
  }
}

/**
 * Written out rather than spread: a spread copy of a returned object got a hidden class of its own, one per
 * counted file (80,000 classes, 14 MB, on the 20×500×8 bench run).
 */
function withBytes(r: PredictionRows, bytes: number): CountedFile {
  return r.ok ? { ok: true, rows: r.rows, bytes } : { ok: false, reason: r.reason, bytes };
}

/**
 * Rows of a prediction file's text. A scan of the top level without allocation answers the usual file: keys
 * "0".."N-1" without escapes, read as numbers. Anything else (escaped or odd keys, duplicates, truncation)
 * goes through the scan that builds the keys and says why. Both find keys the same way: a string at depth 1
 * after `{` or `,` (the values are not validated; Python's NaN tokens in them do not matter).
 */
export function predictionRows(text: string): PredictionRows {
  const keys = plainTopLevelKeys(text);
  if (keys === undefined) return countRows(text);
  const rows = keys.length / 2;
  const seen = new Uint8Array(rows);
  for (let k = 0; k < keys.length; k += 2) {
    const index = plainIndex(text, keys[k]!, keys[k + 1]!);
    if (index === undefined || index >= rows || seen[index]) return countRows(text);
    seen[index] = 1;
  }
  return { ok: true, rows };
}

/** [start, end) of each top-level key's characters (inside the quotes), or undefined when the text is not clean. */
function plainTopLevelKeys(text: string): number[] | undefined {
  let i = 0;
  while (isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 0x7b) return undefined;
  const keys: number[] = [];
  let depth = 0;
  let expectKey = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Indentation is most of what lies between strings: passed over first (a quarter of the scan's time).
    if (c <= 0x20) continue;
    if (c === 0x22) {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      if (depth === 1 && expectKey) {
        keys.push(i + 1, end);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth === 1) expectKey = true;
    } else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) {
        for (i++; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return undefined;
        return keys;
      }
    } else if (c === 0x2c && depth === 1) expectKey = true;
  }
  return undefined;
}

/** A key's characters as a row index: "0" or digits without a leading zero; undefined for anything else. */
function plainIndex(text: string, start: number, end: number): number | undefined {
  if (end === start || end - start > 9 || (text.charCodeAt(start) === 0x30 && end - start > 1)) return undefined;
  let n = 0;
  for (let j = start; j < end; j++) {
    const d = text.charCodeAt(j) - 0x30;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return n;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

function countRows(text: string): PredictionRows {
  const keys = topLevelKeys(text);
  if (!Array.isArray(keys)) return { ok: false, reason: keys.reason };
  const expected = new Set(keys.map((_, i) => String(i)));
  const odd = keys.find((k) => !expected.has(k));
  if (odd !== undefined || new Set(keys).size !== keys.length) {
    return { ok: false, reason: `keys are not exactly "0".."${keys.length - 1}" (found ${JSON.stringify(odd ?? 'a duplicate')}); the eval task would fail with KeyError` };
  }
  return { ok: true, rows: keys.length };
}

/** Keys of a top-level JSON object, by a scan that jumps between structural characters, tracking strings and depth. */
function topLevelKeys(text: string): string[] | { reason: string } {
  const open = /\S/.exec(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (open?.[0] !== '{') return { reason: 'not a JSON object' };
  const structural = /["{}[\],]/g;
  const keys: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let m = structural.exec(text); m; m = structural.exec(text)) {
    const i = m.index;
    const c = m[0];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return { reason: 'unterminated string' };
      if (depth === 1 && expectKey) {
        const key = jsonString(text.slice(i, end + 1));
        if (key === undefined) return { reason: `the key ${text.slice(i, end + 1)} is not a valid JSON string (Python's json.load fails on it)` };
        keys.push(key);
        expectKey = false;
      }
      structural.lastIndex = end + 1;
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return text.slice(i + 1).trim() === '' ? keys : { reason: 'text after the top-level object' };
    } else if (depth === 1) {
      expectKey = true;
    }
  }
  return { reason: 'truncated: the top-level object is not closed' };
}

/** A JSON string literal's value; undefined for a raw control character or a bad escape. */
function jsonString(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

/** Index of the quote closing the string opened at `open` (a quote preceded by an even run of backslashes). */
function stringEnd(text: string, open: number): number {
  for (let j = text.indexOf('"', open + 1); j >= 0; j = text.indexOf('"', j + 1)) {
    let slashes = 0;
    while (text.charCodeAt(j - 1 - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 0) return j;
  }
  return -1;
}
