import { universalNewlines } from '../lexical/string-literal.js';
import type { SyntaxFinding } from './syntax-finding.js';

// ignoreBOM keeps a byte order mark in the text, as Python's 'utf-8' codec does (ast.parse then rejects it).
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * mmengine reads every config as UTF-8 text (`open(filename, encoding='utf-8')`) before `ast.parse`, so a
 * coding cookie does not help: any byte sequence that is not UTF-8 fails the load. Returns the text, or the
 * lenient decoding plus where the first bad byte sits in it.
 */
function decodeConfigSource(bytes: Uint8Array): { text: string; bad?: SyntaxFinding } {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    const text = lenient.decode(bytes);
    const offset = lenient.decode(bytes.subarray(0, at)).length;
    const byte = bytes[at]!.toString(16).padStart(2, '0');
    return {
      text,
      bad: {
        offset,
        message: `'utf-8' codec can't decode byte 0x${byte}: the file is not UTF-8 text (mmengine reads configs as UTF-8, whatever the coding cookie says)`,
      },
    };
  }
}

/**
 * A config's bytes as the text mmengine parses: strict UTF-8, universal newlines (its open() in text mode).
 * `undecodable` is where the first non-UTF-8 byte sits in that text.
 */
export function configSourceText(bytes: Uint8Array): { text: string; undecodable?: SyntaxFinding } {
  const decoded = decodeConfigSource(bytes);
  const text = universalNewlines(decoded.text);
  if (!decoded.bad) return { text };
  return { text, undecodable: { ...decoded.bad, offset: universalNewlines(decoded.text.slice(0, decoded.bad.offset)).length } };
}

/** The first byte of the first ill-formed UTF-8 sequence (Unicode's well-formed byte table), as Python names it. */
function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const [need, lo, hi] =
      c >= 0xc2 && c <= 0xdf
        ? [1, 0x80, 0xbf]
        : c === 0xe0
          ? [2, 0xa0, 0xbf]
          : c === 0xed
            ? [2, 0x80, 0x9f]
            : c >= 0xe1 && c <= 0xef
              ? [2, 0x80, 0xbf]
              : c === 0xf0
                ? [3, 0x90, 0xbf]
                : c >= 0xf1 && c <= 0xf3
                  ? [3, 0x80, 0xbf]
                  : c === 0xf4
                    ? [3, 0x80, 0x8f]
                    : [0, 0, 0];
    if (need === 0) return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (k === 1 ? d < lo || d > hi : (d & 0xc0) !== 0x80)) return i;
    }
    i += need + 1;
  }
  return b.length;
}
