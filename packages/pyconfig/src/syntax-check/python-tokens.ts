import type { SyntaxFinding } from './syntax-finding.js';

/**
 * CPython 3.11's tokenizer (Parser/tokenizer.c), replayed over a whole source for the errors it raises by
 * itself: tree-sitter is lenient about indentation (TabError, unindent mismatch), brackets, unterminated
 * strings, invalid characters and number literals. The token starts it records let the parser-error
 * mapping name the token CPython would point at.
 */
export const enum Tok {
  Name,
  Number,
  String,
  Op,
  Open,
  Close,
  Newline,
  Indent,
  Dedent,
  End,
  /** A character no token starts with (`$`, `?`, a backtick, a lone `!`). */
  Unknown,
}

export interface TokenStream {
  /** Start offset and kind of every token, in order (the last is End). */
  readonly starts: number[];
  readonly ends: number[];
  readonly kinds: Tok[];
  /** A tokenizer error: CPython reports it even when the parser failed earlier (it tokenizes the rest). */
  readonly error: SyntaxFinding | undefined;
  /** Brackets still open at the end of the file, outermost first. */
  readonly unclosed: { offset: number; char: string }[];
  /** Backslash continuation right before the end of the file. */
  readonly eofAfterBackslash: number | undefined;
  /**
   * The first token no grammar rule takes (`$`, `?`, a backtick, a string glued to a name that is no string
   * prefix): CPython's parser fails there at the latest.
   */
  readonly stray: number | undefined;
}

const TABSIZE = 8;
const MAX_INDENT = 100;
const MAX_LEVEL = 200;
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const isDigit = (c: string) => c >= '0' && c <= '9';
const isHex = (c: string) => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
const isIdStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c >= '\x80';
const isIdChar = (c: string) => isIdStart(c) || isDigit(c);
const PRINTABLE = /^[^\p{C}\p{Z}]$|^ $/u;
const ID_START = /^[\p{XID_Start}_]$/u;
const ID_CONTINUE = /^\p{XID_Continue}$/u;
/** Keywords that may follow a number literal with no space (`1if x else 2`): only a warning in 3.11. */
const AFTER_NUMBER = /^(and|else|for|if|in|is|or|not)/;

const STRING_PREFIX = /^(?:[rR][bBfF]?|[bBfF][rR]?|[uU])$/;
/** Hard keywords that an expression (so a string) may follow directly: every one but the constants True, False, None. */
const KEYWORDS_BEFORE_EXPRESSION: ReadonlySet<string> = new Set(
  'and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);
/** ASCII characters that continue an identifier, by code. */
const ID_CODE = Uint8Array.from({ length: 128 }, (_x, c) => (isIdChar(String.fromCharCode(c)) ? 1 : 0));
/** Operators CPython's tokenizer knows, longest first from each start (`$`, `?`, a backtick and a lone `!` are not among them). */
const OPERATORS_3 = new Set(['**=', '//=', '>>=', '<<=', '...']);
const OPERATORS_2 = new Set([
  '**',
  '//',
  '>>',
  '<<',
  '->',
  ':=',
  '-=',
  '+=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
  '==',
  '!=',
  '<=',
  '>=',
]);
const OPERATORS_1 = '-+*/%&|^@=<>~:;,.';

function operatorLength(text: string, i: number): number {
  if (OPERATORS_3.has(text.slice(i, i + 3))) return 3;
  if (OPERATORS_2.has(text.slice(i, i + 2))) return 2;
  return OPERATORS_1.includes(text[i]!) ? 1 : 0;
}

const hex = (c: string) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

class Failure extends Error {
  constructor(readonly finding: SyntaxFinding) {
    super(finding.message);
  }
}

export function tokenize(text: string): TokenStream {
  const starts: number[] = [];
  const ends: number[] = [];
  const kinds: Tok[] = [];
  const parens: { offset: number; char: string; line: number }[] = [];
  const indents = [0];
  const altIndents = [0];
  let eofAfterBackslash: number | undefined;
  let stray: number | undefined;
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const push = (kind: Tok, start: number, end: number) => {
    kinds.push(kind);
    starts.push(start);
    ends.push(end);
  };
  const fail = (offset: number, message: string): never => {
    throw new Failure({ offset, message });
  };
  const lineEnd = (from: number) => {
    const e = text.indexOf('\n', from);
    return e < 0 ? n : e;
  };

  /** `\` then newline; anything else after it is an error. Returns false at the end of the file. */
  const continuation = (at: number): boolean => {
    const next = text[at + 1];
    if (next === undefined || (next === '\n' && at + 2 >= n)) {
      eofAfterBackslash = at + 1;
      return false;
    }
    if (next !== '\n') fail(at + 1, 'unexpected character after line continuation character');
    i = at + 2;
    line++;
    lineStart = i;
    return true;
  };

  const atLineStart = (): boolean => {
    let col = 0;
    let alt = 0;
    let contCol = -1;
    for (;;) {
      const c = text[i];
      if (c === ' ') {
        col++;
        alt++;
        i++;
      } else if (c === '\t') {
        col = (Math.floor(col / TABSIZE) + 1) * TABSIZE;
        alt++;
        i++;
      } else if (c === '\f') {
        col = alt = 0;
        i++;
      } else if (c === '\\') {
        if (contCol < 0) contCol = col;
        if (!continuation(i)) return false;
      } else break;
    }
    const c = text[i];
    if (c === '#' || c === '\n' || c === undefined) return true;
    if (parens.length) return true;
    if (contCol >= 0) col = contCol;
    const top = indents.length - 1;
    const tabError = () => fail(lineStart, 'inconsistent use of tabs and spaces in indentation');
    if (col === indents[top]) {
      if (alt !== altIndents[top]) tabError();
    } else if (col > indents[top]!) {
      if (indents.length >= MAX_INDENT) fail(i, 'too many levels of indentation');
      if (alt <= altIndents[top]!) tabError();
      indents.push(col);
      altIndents.push(alt);
      push(Tok.Indent, i, i);
    } else {
      while (indents.length > 1 && col < indents[indents.length - 1]!) {
        indents.pop();
        altIndents.pop();
        push(Tok.Dedent, i, i);
      }
      if (col !== indents[indents.length - 1]) fail(lineEnd(i), 'unindent does not match any outer indentation level');
      if (alt !== altIndents[altIndents.length - 1]) tabError();
    }
    return true;
  };

  const verifyEnd = (at: number, kind: string) => {
    const c = text[at] ?? '';
    if (AFTER_NUMBER.test(text.slice(at, at + 4))) return;
    // A non-ASCII character ends the number; the identifier check then judges it.
    if (c < '\x80' && isIdChar(c)) fail(at - 1, `invalid ${kind} literal`);
  };
  /** Digits with single underscores between them; returns the offset after them. */
  const decimalTail = (at: number): number => {
    for (;;) {
      while (isDigit(text[at] ?? '')) at++;
      if (text[at] !== '_') return at;
      at++;
      if (!isDigit(text[at] ?? '')) fail(at - 1, 'invalid decimal literal');
    }
  };
  const exponentAndRest = (at: number): number => {
    if (text[at] === 'e' || text[at] === 'E') {
      const e = at;
      at++;
      if (text[at] === '+' || text[at] === '-') {
        at++;
        if (!isDigit(text[at] ?? '')) fail(at - 1, 'invalid decimal literal');
      } else if (!isDigit(text[at] ?? '')) {
        verifyEnd(e, 'decimal');
        return e;
      }
      at = decimalTail(at);
    }
    if (text[at] === 'j' || text[at] === 'J') {
      verifyEnd(at + 1, 'imaginary');
      return at + 1;
    }
    verifyEnd(at, 'decimal');
    return at;
  };
  const number = (start: number): number => {
    let at = start;
    if (text[at] === '.') return exponentAndRest(decimalTail(at + 1));
    if (text[at] === '0') {
      const base = text[at + 1]?.toLowerCase();
      const radix =
        base === 'x'
          ? { name: 'hexadecimal', ok: isHex }
          : base === 'o'
            ? { name: 'octal', ok: (c: string) => c >= '0' && c <= '7' }
            : base === 'b'
              ? { name: 'binary', ok: (c: string) => c === '0' || c === '1' }
              : undefined;
      if (radix) {
        at += 2;
        do {
          if (text[at] === '_') at++;
          const c = text[at] ?? '';
          if (!radix.ok(c)) {
            if (isDigit(c) && radix.name !== 'hexadecimal') fail(at, `invalid digit '${c}' in ${radix.name} literal`);
            fail(at - 1, `invalid ${radix.name} literal`);
          }
          while (radix.ok(text[at] ?? '')) at++;
        } while (text[at] === '_');
        if (isDigit(text[at] ?? '') && radix.name !== 'hexadecimal') fail(at, `invalid digit '${text[at]}' in ${radix.name} literal`);
        verifyEnd(at, radix.name);
        return at;
      }
      at++;
      for (;;) {
        if (text[at] === '_') {
          at++;
          if (!isDigit(text[at] ?? '')) fail(at - 1, 'invalid decimal literal');
        }
        if (text[at] !== '0') break;
        at++;
      }
      let nonzero = false;
      if (isDigit(text[at] ?? '')) {
        nonzero = true;
        at = decimalTail(at);
      }
      const c = text[at];
      if (c === '.') return exponentAndRest(decimalTail(at + 1));
      if (c === 'e' || c === 'E' || c === 'j' || c === 'J') return exponentAndRest(at);
      if (nonzero) fail(start, 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers');
      verifyEnd(at, 'decimal');
      return at;
    }
    at = decimalTail(at);
    if (text[at] === '.') at = decimalTail(at + 1);
    return exponentAndRest(at);
  };
  const string = (start: number, quoteAt: number): number => {
    const quote = text[quoteAt]!;
    const triple = text[quoteAt + 1] === quote && text[quoteAt + 2] === quote;
    let at = quoteAt + (triple ? 3 : 1);
    const firstLine = line;
    const firstLineStart = lineStart;
    for (;;) {
      const c = text[at];
      if (c === undefined || (!triple && c === '\n')) {
        const detected = c === undefined ? line + (text.endsWith('\n') ? -1 : 0) : line;
        line = firstLine;
        lineStart = firstLineStart;
        fail(
          start,
          `unterminated ${triple ? 'triple-quoted string literal' : 'string literal'} (detected at line ${Math.max(detected, firstLine)})`,
        );
      }
      if (c === quote && (!triple || (text[at + 1] === quote && text[at + 2] === quote))) return at + (triple ? 3 : 1);
      if (c === '\\') {
        if (text[at + 1] === '\n') {
          line++;
          lineStart = at + 2;
        }
        at += 2;
        continue;
      }
      if (c === '\n') {
        line++;
        lineStart = at + 1;
      }
      at++;
    }
  };
  const identifier = (start: number): number => {
    let at = start;
    let ascii = true;
    for (let code = text.charCodeAt(at); at < n; code = text.charCodeAt(++at)) {
      if (code >= 0x80) ascii = false;
      else if (!ID_CODE[code]) break;
    }
    if (!ascii) {
      // verify_identifier: the first character that breaks the identifier is the invalid one.
      const chars = [...text.slice(start, at).normalize('NFKC')];
      let bad = chars.findIndex((ch, k) => !(k === 0 ? ID_START : ID_CONTINUE).test(ch));
      if (bad >= 0) {
        // Offsets are counted in the original text: map back character by character when NFKC kept the length.
        const original = [...text.slice(start, at)];
        if (original.length !== chars.length) bad = Math.min(bad, original.length - 1);
        const ch = original[bad]!;
        const offset = start + original.slice(0, bad).join('').length;
        const bom =
          ch === '\ufeff' && offset === 0
            ? ' (a byte order mark: mmengine reads the file as UTF-8 text and keeps it; save the file without BOM)'
            : '';
        fail(
          offset,
          PRINTABLE.test(ch) ? `invalid character '${ch}' (U+${hex(ch)})` : `invalid non-printable character U+${hex(ch)}${bom}`,
        );
      }
    }
    return at;
  };

  let atBol = true;
  try {
    for (;;) {
      if (atBol) {
        atBol = false;
        if (!atLineStart()) break;
      }
      const c = text[i];
      if (c === undefined) break;
      if (c === ' ' || c === '\t' || c === '\f') {
        i++;
        continue;
      }
      if (c === '#') {
        i = lineEnd(i);
        continue;
      }
      if (c === '\n') {
        const blank =
          kinds.length === 0 ||
          kinds[kinds.length - 1] === Tok.Newline ||
          kinds[kinds.length - 1] === Tok.Indent ||
          kinds[kinds.length - 1] === Tok.Dedent;
        if (!parens.length && !blank) push(Tok.Newline, i, i + 1);
        i++;
        line++;
        lineStart = i;
        atBol = true;
        continue;
      }
      const start = i;
      if (c === '\\') {
        if (!continuation(i)) break;
        continue;
      }
      if (isIdStart(c)) {
        i = identifier(i);
        // String prefixes: b, r, u, f and their legal pairs, directly followed by a quote.
        if (text[i] === "'" || text[i] === '"') {
          if (i - start <= 2 && STRING_PREFIX.test(text.slice(start, i))) {
            i = string(start, i);
            push(Tok.String, start, i);
            continue;
          }
          // `ur'x'`, `fb'x'`: a name then a string, which no rule takes; a keyword may take one (`elif'a' in x`).
          if (!KEYWORDS_BEFORE_EXPRESSION.has(text.slice(start, i))) stray ??= i;
        }
        push(Tok.Name, start, i);
        continue;
      }
      if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
        i = number(i);
        push(Tok.Number, start, i);
        continue;
      }
      if (c === '"' || c === "'") {
        i = string(start, i);
        push(Tok.String, start, i);
        continue;
      }
      if (c === '(' || c === '[' || c === '{') {
        if (parens.length >= MAX_LEVEL) fail(i, 'too many nested parentheses');
        parens.push({ offset: i, char: c, line });
        push(Tok.Open, i, ++i);
        continue;
      }
      if (c === ')' || c === ']' || c === '}') {
        const open = parens.pop();
        if (!open) fail(i, `unmatched '${c}'`);
        if (open!.char !== CLOSERS[c]) {
          fail(
            i,
            `closing parenthesis '${c}' does not match opening parenthesis '${open!.char}'${open!.line !== line ? ` on line ${open!.line}` : ''}`,
          );
        }
        push(Tok.Close, i, ++i);
        continue;
      }
      if ((c < ' ' || c > '~') && !PRINTABLE.test(c)) fail(i, `invalid non-printable character U+${hex(c)}`);
      const length = operatorLength(text, i);
      if (length) {
        push(Tok.Op, i, (i += length));
        continue;
      }
      stray ??= i;
      push(Tok.Unknown, i, ++i);
    }
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    return { starts, ends, kinds, error: e.finding, unclosed: [], eofAfterBackslash: undefined, stray };
  }
  if (kinds.length && kinds[kinds.length - 1] !== Tok.Newline && !parens.length) push(Tok.Newline, n, n);
  while (indents.length > 1) {
    indents.pop();
    push(Tok.Dedent, n, n);
  }
  // CPython's ENDMARKER sits on the last line read: the final newline when the source ends with one.
  const end = text.endsWith('\n') ? n - 1 : n;
  push(Tok.End, end, end);
  return {
    starts,
    ends,
    kinds,
    error: undefined,
    unclosed: parens.map(({ offset, char }) => ({ offset, char })),
    eofAfterBackslash,
    stray,
  };
}
