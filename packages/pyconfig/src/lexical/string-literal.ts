/** Python string-literal prefixes and escape decoding (lexical analysis §2.4.1 of the Python reference). */

export interface StringPrefix {
  readonly raw: boolean;
  readonly format: boolean;
  readonly bytes: boolean;
}

/** Prefixes by `string_start` token (a few dozen spellings at most), shared: strings are evaluated in every loop iteration. */
const prefixes = new Map<string, StringPrefix>();

/** Reads the prefix letters of a `string_start` token such as `rf'''`. */
export function stringPrefix(start: string): StringPrefix {
  let prefix = prefixes.get(start);
  if (!prefix) {
    const letters = start.replace(/['"]+$/, '').toLowerCase();
    prefix = { raw: letters.includes('r'), format: letters.includes('f'), bytes: letters.includes('b') };
    prefixes.set(start, prefix);
  }
  return prefix;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const ESCAPE_OR_BRACE = /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|\r\n|[\s\S])|\{\{|\}\}/g;

/**
 * Decodes the text between the quotes. Unknown escapes such as `\d` keep their backslash, as Python
 * does. In f-strings `{{`/`}}` are literal braces. Returns undefined for `\N{...}` (named characters
 * are not supported; the caller refuses).
 */
export function decodeStringContent(text: string, prefix: StringPrefix): string | undefined {
  let unsupported = false;
  const out = text.replace(ESCAPE_OR_BRACE, (match, esc: string | undefined) => {
    if (esc === undefined) return prefix.format ? match[0]! : match;
    if (prefix.raw) return match;
    const simple = SIMPLE_ESCAPES[esc === '\r\n' ? '\n' : esc];
    if (simple !== undefined) return simple;
    const first = esc[0]!;
    if (first === 'x' || first === 'u' || first === 'U') return String.fromCodePoint(parseInt(esc.slice(1), 16));
    if (/[0-7]/.test(first)) return String.fromCodePoint(parseInt(esc, 8));
    if (first === 'N') {
      unsupported = true;
      return match;
    }
    return match;
  });
  return unsupported ? undefined : out;
}

/** Python universal-newline translation, as `open(path).read()` applies it. */
export function universalNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
