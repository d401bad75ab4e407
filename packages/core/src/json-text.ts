/*
 * Character-level helpers for scans over JSON text (prediction counting in plan, the key scans in merge):
 * JSON's own whitespace, and where a string ends, without building anything.
 */

/** JSON whitespace: space, newline, tab, carriage return (what Python's json skips). */
export const isJsonSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** Index of the quote closing the string opened at `open` (a quote after an even run of backslashes); -1 if none. */
export function stringEnd(text: string, open: number): number {
  for (let j = text.indexOf('"', open + 1); j >= 0; j = text.indexOf('"', j + 1)) {
    let slashes = 0;
    while (text.charCodeAt(j - 1 - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 0) return j;
  }
  return -1;
}
