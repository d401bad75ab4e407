/**
 * One pass over a text that native JSON.parse accepted: the number of key tokens (a string followed by `:`) at
 * every depth, and for the top-level object the offsets [keyStart, keyEnd, valueStart] of each entry, in text
 * order (duplicates included, which JSON.parse drops). Strings are jumped over with indexOf; only the characters
 * between them are looked at one by one, and nothing is allocated but the offsets.
 */
export function scanJsonKeys(text: string): { keys: number; top: number[] } {
  const top: number[] = [];
  let keys = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = closingQuote(text, i);
      let j = end + 1;
      while (isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 0x3a) {
        i = end;
        continue;
      }
      keys++;
      let v = j + 1;
      while (isSpace(text.charCodeAt(v))) v++;
      if (depth === 1) top.push(i, end + 1, v);
      i = v - 1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return { keys, top };
}

/** The quote closing the string opened at `open`: the next quote preceded by an even run of backslashes. */
function closingQuote(text: string, open: number): number {
  for (let j = text.indexOf('"', open + 1); ; j = text.indexOf('"', j + 1)) {
    let slashes = 0;
    while (text.charCodeAt(j - 1 - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 0) return j;
  }
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
