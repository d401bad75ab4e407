import { RunTree, scanJsonKeys, type Issue } from '@shardwise/core';

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
      found = read.text !== undefined ? { ...predictionRows(read.text), bytes: Buffer.byteLength(read.text) } : read.issue ? { issue: read.issue } : { missing: true };
      this.counted.set(rel, found);
    }
    return found;
  }

  /** The size of a file already counted, from its read. */
  bytesOf(rel: string): number | undefined {
    const found = this.counted.get(rel);
    return found && 'bytes' in found ? found.bytes : undefined;
  }
}

/**
 * Rows of a prediction file's text. Native JSON.parse answers a well-formed file (its integer keys come back
 * in ascending order, so "0".."N-1" is a check of the list; the key scan finds a duplicate it dropped); anything
 * else (NaN tokens, truncation, odd keys) goes through the structural scan that says why.
 */
export function predictionRows(text: string): PredictionRows {
  let tree: unknown;
  try {
    tree = JSON.parse(text);
  } catch {
    return countRows(text);
  }
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) return countRows(text);
  const keys = Object.keys(tree);
  for (let i = 0; i < keys.length; i++) if (keys[i] !== String(i)) return countRows(text);
  return scanJsonKeys(text).top.length === 3 * keys.length ? { ok: true, rows: keys.length } : countRows(text);
}

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
        keys.push(JSON.parse(text.slice(i, end + 1)) as string);
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

/** Index of the quote closing the string opened at `open` (a quote preceded by an even run of backslashes). */
function stringEnd(text: string, open: number): number {
  for (let j = text.indexOf('"', open + 1); j >= 0; j = text.indexOf('"', j + 1)) {
    let slashes = 0;
    while (text[j - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 0) return j;
  }
  return -1;
}
