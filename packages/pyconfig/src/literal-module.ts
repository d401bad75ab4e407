import type { SourceFile, SyntaxNode } from './syntax-node.js';

/*
 * A module of literal assignments — `name = <literal>` lines, where a literal is a number, a string, True/False/None,
 * a name, a list, a tuple, a dict display or a call `f(...)` of a name with such arguments — parsed without
 * tree-sitter: a dumped config (`configs/<ts>_<pid>.py`, mmengine's Config.dump) is one, and read on every
 * check, merge and summarize of a run. The tree is the one tree-sitter's copy gives (python-parser.ts),
 * node for node, so the evaluator cannot tell them apart (docs/python-configs.md §6.4; literal-module.test.ts compares both
 * on every source it is given). Only sources CPython certainly accepts are taken: anything else (another
 * statement, an operator, an unusual escape, a repeated keyword argument, a non-ASCII name, a tab or a `\r`
 * where they could matter, …) returns undefined and goes to tree-sitter and the CPython syntax verdict.
 */

/** Python's hard keywords, `__debug__` (never assignable), and print/exec (tree-sitter-python's Python 2 statements). */
const NOT_A_NAME = new Set(
  (
    'and as assert async await break class continue def del elif else except finally for from global if import in is ' +
    'lambda nonlocal not or pass raise return try while with yield print exec __debug__'
  ).split(' '),
);
/** Soft keywords, which may open a statement of their own (`match x:`, `type X = …`). */
const SOFT_KEYWORDS = new Set(['match', 'case', 'type', '_']);

/** Nesting deeper than this is left to tree-sitter (CPython stops at 200 open brackets). */
const MAX_DEPTH = 100;
/** Int literals longer than this are left to the full path (CPython 3.11 refuses more than 4300 digits). */
const MAX_INT_DIGITS = 4000;

/*
 * Sticky regular expressions for the runs of characters a dumped config is mostly made of (indentation, names,
 * string bodies): V8 compiles them to native code, which matters in a process that parses one file once.
 */
const LINE_GAP = /(?:[ \t]+|#[^\n]*)*/y;
const BRACKET_GAP = /(?:[ \t\n]+|#[^\n]*)*/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
/** An int (group 1) or a float: digits with a fraction and/or an exponent. */
const NUMBER = /(\d+)(?![.eE\d])|\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+/y;
const BODY: Record<number, RegExp> = { 0x22: /[^"\\\n]*/y, 0x27: /[^'\\\n]*/y };

class NotLiteral extends Error {}
const NOT_LITERAL = new NotLiteral();

/** The module's tree when `source` is a module of literal assignments; undefined otherwise. */
export function parseLiteralModule(source: SourceFile): SyntaxNode | undefined {
  const text = source.text;
  // A BOM, NULs and carriage returns change what CPython and tree-sitter see; leave them to the full path.
  if (text.charCodeAt(0) === 0xfeff || text.includes('\0') || text.includes('\r')) return undefined;
  try {
    return new LiteralParser(source).module();
  } catch (e) {
    if (e instanceof NotLiteral) return undefined;
    throw e;
  }
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isNameChar = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || isDigit(c);

class LiteralParser {
  private pos = 0;
  private depth = 0;
  private readonly text: string;

  constructor(private readonly source: SourceFile) {
    this.text = source.text;
  }

  private node(type: string, start: number, end: number, children: SyntaxNode[] = [], field?: string, named = true): SyntaxNode {
    // The same properties in the same order as python-parser.ts's copy: one object shape for the evaluator.
    return {
      type,
      named,
      field,
      start,
      end,
      children,
      source: this.source,
      cachedText: undefined,
      cachedKids: undefined,
      cachedLiteral: undefined,
    };
  }

  private fail(): never {
    throw NOT_LITERAL;
  }

  private code(at = this.pos): number {
    return this.text.charCodeAt(at);
  }

  /** Skips spaces and comments on the line; inside brackets, newlines too. */
  private skip(): void {
    const gap = this.depth > 0 ? BRACKET_GAP : LINE_GAP;
    gap.lastIndex = this.pos;
    gap.test(this.text);
    this.pos = gap.lastIndex;
    // A line continuation: the full path's.
    if (this.code() === 0x5c) this.fail();
  }

  module(): SyntaxNode {
    const statements: SyntaxNode[] = [];
    let first = -1;
    while (this.pos < this.text.length) {
      const c = this.code();
      if (c === 0x0a) {
        this.pos++;
        continue;
      }
      if (c === 0x20 || c === 0x09 || c === 0x0c) {
        // Only a blank or comment-only line may start with whitespace (anything else is an indented statement).
        let j = this.pos;
        while (this.code(j) === 0x20 || this.code(j) === 0x09 || this.code(j) === 0x0c) j++;
        const next = this.code(j);
        if (next === 0x23 || next === 0x0a || j === this.text.length) {
          if (first < 0 && next === 0x23) first = j;
          this.pos = j;
          this.skip();
          continue;
        }
        this.fail();
      }
      if (c === 0x23) {
        if (first < 0) first = this.pos;
        this.skip();
        continue;
      }
      if (first < 0) first = this.pos;
      statements.push(this.assignment());
      this.skip();
      if (this.pos < this.text.length && this.code() !== 0x0a) this.fail();
    }
    return this.node('module', first < 0 ? this.text.length : first, this.text.length, statements);
  }

  private assignment(): SyntaxNode {
    const start = this.pos;
    const target = this.name('left');
    if (SOFT_KEYWORDS.has(this.text.slice(start, target.end))) this.fail();
    this.skip();
    if (this.code() !== 0x3d || this.code(this.pos + 1) === 0x3d) this.fail();
    this.pos++;
    this.skip();
    const value = this.expression('right');
    const end = value.end;
    const assignment = this.node('assignment', start, end, [target, value]);
    return this.node('expression_statement', start, end, [assignment]);
  }

  private name(field?: string): SyntaxNode {
    const start = this.pos;
    NAME.lastIndex = start;
    if (!NAME.test(this.text)) this.fail();
    this.pos = NAME.lastIndex;
    // A non-ASCII letter continuing the name: NFKC and identifier rules are the full path's.
    if (this.code() >= 0x80) this.fail();
    const word = this.text.slice(start, this.pos);
    if (NOT_A_NAME.has(word) || word === 'True' || word === 'False' || word === 'None') this.fail();
    return this.node('identifier', start, this.pos, [], field);
  }

  /** An expression followed by what may end it: `,`, a closing bracket, `:` in a dict, or the end of the line. */
  private expression(field?: string): SyntaxNode {
    const value = this.operand(field);
    this.skip();
    const c = this.code();
    const ends = c === 0x2c || c === 0x29 || c === 0x5d || c === 0x7d || c === 0x3a || c === 0x0a || Number.isNaN(c);
    if (!ends) this.fail();
    return value;
  }

  private operand(field?: string): SyntaxNode {
    const c = this.code();
    const start = this.pos;
    if (c === 0x2d) {
      this.pos++;
      const operator = this.node('-', start, this.pos, [], 'operator', false);
      this.skip();
      const argument = this.operand('argument');
      return this.node('unary_operator', start, argument.end, [operator, argument], field);
    }
    if (isDigit(c) || (c === 0x2e && isDigit(this.code(start + 1)))) return this.number(field);
    if (c === 0x22 || c === 0x27 || c === 0x72 || c === 0x52 || c === 0x75 || c === 0x55) {
      const quote = c === 0x22 || c === 0x27 ? c : this.code(start + 1);
      if (quote === 0x22 || quote === 0x27) return this.strings(field);
    }
    if (c === 0x5b) return this.bracketed('list', 0x5d, field);
    if (c === 0x28) return this.parenthesized(field);
    if (c === 0x7b) return this.dictionary(field);
    NAME.lastIndex = start;
    if (NAME.test(this.text)) {
      const end = NAME.lastIndex;
      const word = this.text.slice(start, end);
      if (word === 'True' || word === 'False' || word === 'None') {
        if (this.code(end) >= 0x80) this.fail();
        this.pos = end;
        return this.node(word === 'None' ? 'none' : word === 'True' ? 'true' : 'false', start, end, [], field);
      }
      // Whether a call follows decides the name's field: looked at before the node is made.
      const gap = this.depth > 0 ? BRACKET_GAP : LINE_GAP;
      gap.lastIndex = end;
      gap.test(this.text);
      if (this.code(gap.lastIndex) !== 0x28) return this.name(field);
      const fn = this.name('function');
      this.skip();
      return this.call(fn, field);
    }
    return this.fail();
  }

  private number(field?: string): SyntaxNode {
    const start = this.pos;
    NUMBER.lastIndex = start;
    const m = NUMBER.exec(this.text);
    if (!m) return this.fail();
    this.pos = NUMBER.lastIndex;
    const next = this.code();
    // 1_000, 0x10, 1j, 1.real, 1if …: the full path's.
    if (isNameChar(next) || next === 0x2e || next >= 0x80) this.fail();
    const float = m[1] === undefined;
    // 007 is a SyntaxError; CPython 3.11 refuses an int of more than 4300 digits.
    if (!float && ((m[1]!.length > 1 && m[1]!.charCodeAt(0) === 0x30) || m[1]!.length > MAX_INT_DIGITS)) this.fail();
    return this.node(float ? 'float' : 'integer', start, this.pos, [], field);
  }

  /** One string, or adjacent strings as a concatenated_string. */
  private strings(field?: string): SyntaxNode {
    const first = this.string(field);
    const parts: SyntaxNode[] = [first];
    for (;;) {
      const save = this.pos;
      this.skip();
      const c = this.code();
      const quote = c === 0x22 || c === 0x27 ? c : this.code(this.pos + 1);
      const prefixed = c === 0x72 || c === 0x52 || c === 0x75 || c === 0x55;
      if ((c === 0x22 || c === 0x27 || prefixed) && (quote === 0x22 || quote === 0x27)) parts.push(this.string(undefined));
      else {
        this.pos = save;
        break;
      }
    }
    if (parts.length === 1) return first;
    // The first part was made with the field the whole would carry: concatenated parts carry none.
    parts[0] = { ...first, field: undefined };
    return this.node('concatenated_string', first.start, parts[parts.length - 1]!.end, parts, field);
  }

  /** A one-line string, plain or with an r/u prefix; only escapes CPython and tree-sitter agree on. */
  private string(field: string | undefined): SyntaxNode {
    const start = this.pos;
    let raw = false;
    const c = this.code();
    if (c === 0x72 || c === 0x52 || c === 0x75 || c === 0x55) {
      raw = c === 0x72 || c === 0x52;
      this.pos++;
    }
    const quote = this.code();
    // A triple-quoted string: the full path's.
    if (this.code(this.pos + 1) === quote && this.code(this.pos + 2) === quote) this.fail();
    this.pos++;
    const opened = this.pos;
    const escapes: SyntaxNode[] = [];
    const body = BODY[quote]!;
    for (;;) {
      body.lastIndex = this.pos;
      body.test(this.text);
      this.pos = body.lastIndex;
      const ch = this.code();
      if (ch === quote) break;
      if (ch !== 0x5c) this.fail(); // a newline or the end of the text: unterminated
      if (raw) this.fail();
      const at = this.pos;
      const e = this.code(at + 1);
      let length = 2;
      if (e === 0x78) length = 4;
      else if (e === 0x75) length = 6;
      else if (e === 0x55) length = 10;
      else if (e !== 0x5c && e !== 0x27 && e !== 0x22 && e !== 0x6e && e !== 0x74 && e !== 0x72) this.fail();
      for (let k = at + 2; k < at + length; k++) if (!isHex(this.code(k))) this.fail();
      if (e === 0x55 && Number.parseInt(this.text.slice(at + 2, at + 10), 16) > 0x10ffff) this.fail();
      escapes.push(this.node('escape_sequence', at, at + length));
      this.pos = at + length;
    }
    const closed = this.pos;
    this.pos++;
    const children = [this.node('string_start', start, opened)];
    if (closed > opened) children.push(this.node('string_content', opened, closed, escapes));
    children.push(this.node('string_end', closed, this.pos));
    return this.node('string', start, this.pos, children, field);
  }

  private open(): void {
    if (++this.depth > MAX_DEPTH) this.fail();
    this.pos++;
    this.skip();
  }

  private close(): void {
    this.depth--;
    this.pos++;
  }

  /** `[a, b,]` (and the items of a tuple): expressions separated by commas, an optional trailing comma. */
  private items(closer: number): { items: SyntaxNode[]; comma: boolean } {
    const items: SyntaxNode[] = [];
    let comma = false;
    while (this.code() !== closer) {
      items.push(this.expression());
      comma = false;
      if (this.code() === 0x2c) {
        comma = true;
        this.pos++;
        this.skip();
      } else if (this.code() !== closer) this.fail();
    }
    return { items, comma };
  }

  private bracketed(type: string, closer: number, field?: string): SyntaxNode {
    const start = this.pos;
    this.open();
    const { items } = this.items(closer);
    this.close();
    return this.node(type, start, this.pos, items, field);
  }

  private parenthesized(field?: string): SyntaxNode {
    const start = this.pos;
    this.open();
    const { items, comma } = this.items(0x29);
    this.close();
    if (items.length === 1 && !comma) return this.node('parenthesized_expression', start, this.pos, items, field);
    return this.node('tuple', start, this.pos, items, field);
  }

  private dictionary(field?: string): SyntaxNode {
    const start = this.pos;
    this.open();
    const pairs: SyntaxNode[] = [];
    while (this.code() !== 0x7d) {
      const key = this.expression('key');
      // `{a, b}` is a set, `{**d}` was refused by operand: only key: value pairs here.
      if (this.code() !== 0x3a) this.fail();
      this.pos++;
      this.skip();
      const value = this.expression('value');
      pairs.push(this.node('pair', key.start, value.end, [key, value]));
      if (this.code() === 0x2c) {
        this.pos++;
        this.skip();
      } else if (this.code() !== 0x7d) this.fail();
    }
    this.close();
    return this.node('dictionary', start, this.pos, pairs, field);
  }

  /** `f(a, k=v)`: positional arguments first, each keyword once (CPython refuses the rest at compile time). */
  private call(fn: SyntaxNode, field?: string): SyntaxNode {
    const open = this.pos;
    this.open();
    const args: SyntaxNode[] = [];
    const keywords: string[] = [];
    while (this.code() !== 0x29) {
      let keyword: SyntaxNode | undefined;
      NAME.lastIndex = this.pos;
      if (NAME.test(this.text)) {
        BRACKET_GAP.lastIndex = NAME.lastIndex;
        BRACKET_GAP.test(this.text);
        const k = BRACKET_GAP.lastIndex;
        if (this.code(k) === 0x3d && this.code(k + 1) !== 0x3d) {
          const start = this.pos;
          const name = this.name('name');
          const word = this.text.slice(start, name.end);
          if (keywords.includes(word)) this.fail();
          keywords.push(word);
          this.skip();
          this.pos++;
          this.skip();
          const value = this.expression('value');
          keyword = this.node('keyword_argument', start, value.end, [name, value]);
        }
      }
      if (!keyword && keywords.length > 0) this.fail();
      args.push(keyword ?? this.expression());
      if (this.code() === 0x2c) {
        this.pos++;
        this.skip();
      } else if (this.code() !== 0x29) this.fail();
    }
    this.close();
    const list = this.node('argument_list', open, this.pos, args, 'arguments');
    return this.node('call', fn.start, this.pos, [fn, list], field);
  }
}
