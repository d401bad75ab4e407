import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';

/**
 * Rows of a prediction file: the number of top-level keys, which must be exactly "0".."N-1" (the eval task reads
 * `preds[str(i)] for i in range(len(preds))`, opencompass.md §2.2). Only the top level is scanned, so bare
 * NaN/Infinity tokens inside values do not matter and large files are never materialised as objects.
 * `bytes` is the file's size, taken from the open file (check reports it; a second stat per file cost more than the scan).
 */
export type PredictionRows = ({ ok: true; rows: number } | { ok: false; reason: string }) & { bytes?: number };

export function predictionRows(file: string): PredictionRows {
  let stamp: string;
  let text: string;
  let bytes: number;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const st = fstatSync(fd);
    bytes = st.size;
    stamp = `${st.size}:${st.mtimeMs}`;
    const seen = counted.get(file);
    if (seen?.stamp === stamp) return seen.result;
    text = readFileSync(fd, 'utf8');
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const result = { ...countRows(text), bytes };
  counted.set(file, { stamp, result });
  return result;
}

/** Sizes and checks read the same prediction files; an unchanged file (size and mtime) is counted once. */
const counted = new Map<string, { stamp: string; result: PredictionRows }>();

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
