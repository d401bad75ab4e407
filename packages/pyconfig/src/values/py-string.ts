import { HAS_SURROGATE } from '@shardwise/core';

/** Python strings index by code point; JS by UTF-16 unit. The fast path covers strings without astral characters. */
export function codePoints(s: string): string[] | undefined {
  return HAS_SURROGATE.test(s) ? [...s] : undefined;
}

export function pyLen(s: string): number {
  const cps = codePoints(s);
  return cps ? cps.length : s.length;
}

export function pyCharAt(s: string, i: number): string {
  const cps = codePoints(s);
  return cps ? cps[i]! : s[i]!;
}

/** Python `s[start:stop:step]` with already-normalized indices. */
export function pySliceString(s: string, indices: readonly number[]): string {
  const cps = codePoints(s);
  let out = '';
  for (const i of indices) out += cps ? cps[i]! : s[i]!;
  return out;
}
