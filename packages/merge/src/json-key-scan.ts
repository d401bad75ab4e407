import { isJsonSpace, stringEnd } from '@shardwise/core';

/*
 * Scans of a text that native JSON.parse accepted, so strings are well formed and brackets balanced: they
 * find what JSON.parse does not report (duplicate keys, text positions) without allocating.
 */

/**
 * Key tokens at every depth: strings followed by `:`. Only quotes are visited (indexOf jumps between them):
 * in valid JSON unescaped quotes alternate between opening and closing a string.
 */
export function countJsonKeys(text: string): number {
  let keys = 0;
  for (let open = text.indexOf('"'); open !== -1;) {
    const end = stringEnd(text, open);
    let j = end + 1;
    while (isJsonSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) === 0x3a) keys++;
    open = text.indexOf('"', end + 1);
  }
  return keys;
}

/**
 * Offsets [keyStart, keyEnd, valueStart] of the first `count` entries of the top-level object, in text order.
 * The scan stops at the last one's value, so a large value at the end (a result's `details`) is never walked.
 */
export function topLevelEntries(text: string, count: number): number[] {
  const top: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length && top.length < 3 * count; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20) continue;
    if (c === 0x22) {
      const end = stringEnd(text, i);
      let j = end + 1;
      while (isJsonSpace(text.charCodeAt(j))) j++;
      if (depth !== 1 || text.charCodeAt(j) !== 0x3a) {
        i = end;
        continue;
      }
      let v = j + 1;
      while (isJsonSpace(text.charCodeAt(v))) v++;
      top.push(i, end + 1, v);
      i = v - 1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return top;
}
