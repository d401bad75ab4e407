import { readFileSync } from 'node:fs';

/**
 * Rows of a prediction file: the number of top-level keys, which must be exactly "0".."N-1" (the eval task reads
 * `preds[str(i)] for i in range(len(preds))`, opencompass.md §2.2). Only the top level is scanned, so bare
 * NaN/Infinity tokens inside values do not matter and large files are never materialised as objects.
 */
export type PredictionRows = { ok: true; rows: number } | { ok: false; reason: string };

export function predictionRows(file: string): PredictionRows {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  const keys = topLevelKeys(text);
  if (!Array.isArray(keys)) return { ok: false, reason: keys.reason };
  const expected = new Set(keys.map((_, i) => String(i)));
  const odd = keys.find((k) => !expected.has(k));
  if (odd !== undefined || new Set(keys).size !== keys.length) {
    return { ok: false, reason: `keys are not exactly "0".."${keys.length - 1}" (found ${JSON.stringify(odd ?? 'a duplicate')}); the eval task would fail with KeyError` };
  }
  return { ok: true, rows: keys.length };
}

/** Keys of a top-level JSON object, by a scan that tracks only strings and nesting depth. */
function topLevelKeys(text: string): string[] | { reason: string } {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (text[i] !== '{') return { reason: 'not a JSON object' };
  const keys: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return { reason: 'unterminated string' };
      if (depth === 1 && expectKey) {
        keys.push(JSON.parse(text.slice(i, end + 1)) as string);
        expectKey = false;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return text.slice(i + 1).trim() === '' ? keys : { reason: 'text after the top-level object' };
    } else if (c === ',' && depth === 1) {
      expectKey = true;
    }
  }
  return { reason: 'truncated: the top-level object is not closed' };
}

function stringEnd(text: string, open: number): number {
  for (let j = open + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j;
  }
  return -1;
}
