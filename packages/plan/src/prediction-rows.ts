import { isJsonSpace, RunTree, stringEnd, type Issue } from '@shardwise/core';
import { layoutRows } from './prediction-layout.js';

/**
 * Rows of a prediction file: the number of top-level keys, which must be exactly "0".."N-1" (the eval task reads
 * `preds[str(i)] for i in range(len(preds))`, docs/opencompass.md §2.2). Only the top level matters, so bare
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
      // The bytes are the tree's buffer until its next read: counted here and not kept.
      const read = this.tree.readBytes(rel);
      found =
        read.bytes !== undefined
          ? withBytes(predictionRowsOfBytes(read.bytes), read.bytes.length)
          : read.issue
            ? { issue: read.issue }
            : { missing: true };
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
 * Rows of a prediction file's bytes (checked UTF-8): read off json.dump's indent=4 layout when the file has it
 * (`layoutRows`), else from its text by the exact scan, so any file not in that layout is answered as before.
 */
export function predictionRowsOfBytes(bytes: Buffer): PredictionRows {
  const rows = layoutRows(bytes);
  return rows !== undefined ? { ok: true, rows } : predictionRows(bytes.toString('utf8'));
}

/**
 * Rows of a prediction file's text. One scan of the top level finds the keys (a string at depth 1 after `{` or
 * `,`; values are not validated, so Python's NaN tokens in them do not matter) and checks the structure closes.
 * The usual keys "0".."N-1" are read as numbers without building anything; other keys (escaped, padded,
 * duplicated, out of range) are built as strings to say which one is wrong.
 */
export function predictionRows(text: string): PredictionRows {
  const keys = topLevelKeys(text);
  if (!Array.isArray(keys)) return { ok: false, reason: keys.reason };
  const rows = keys.length / 2;
  const seen = new Uint8Array(rows);
  for (let k = 0; k < keys.length; k += 2) {
    const index = plainIndex(text, keys[k]!, keys[k + 1]!);
    if (index === undefined || index >= rows || seen[index]) return oddKeys(text, keys);
    seen[index] = 1;
  }
  return { ok: true, rows };
}

/** [start, end) of each top-level key's characters (inside the quotes), or why the text is not a readable object. */
function topLevelKeys(text: string): number[] | { reason: string } {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (isJsonSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 0x7b) return { reason: 'not a JSON object' };
  const keys: number[] = [];
  let depth = 0;
  let expectKey = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Indentation is most of what lies between strings: passed over first (a quarter of the scan's time).
    if (c <= 0x20) continue;
    if (c === 0x22) {
      const end = stringEnd(text, i);
      if (end < 0) return { reason: 'unterminated string' };
      if (depth === 1 && expectKey) {
        keys.push(i + 1, end);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth === 1) expectKey = true;
    } else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) {
        for (i++; i < text.length; i++) if (!isJsonSpace(text.charCodeAt(i))) return { reason: 'text after the top-level object' };
        return keys;
      }
    } else if (c === 0x2c && depth === 1) expectKey = true;
  }
  return { reason: 'truncated: the top-level object is not closed' };
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

/** Keys that are not plainly "0".."N-1", built as Python reads them: an escaped "\u0030" is still row 0. */
function oddKeys(text: string, offsets: number[]): PredictionRows {
  const keys: string[] = [];
  for (let k = 0; k < offsets.length; k += 2) {
    const literal = text.slice(offsets[k]! - 1, offsets[k + 1]! + 1);
    const key = jsonString(literal);
    if (key === undefined) return { ok: false, reason: `the key ${literal} is not a valid JSON string (Python's json.load fails on it)` };
    keys.push(key);
  }
  const expected = new Set(keys.map((_, i) => String(i)));
  const odd = keys.find((k) => !expected.has(k));
  if (odd !== undefined || new Set(keys).size !== keys.length) {
    return {
      ok: false,
      reason: `keys are not exactly "0".."${keys.length - 1}" (found ${JSON.stringify(odd ?? 'a duplicate')}); the eval task would fail with KeyError`,
    };
  }
  return { ok: true, rows: keys.length };
}

/** A JSON string literal's value; undefined for a raw control character or a bad escape. */
function jsonString(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}
