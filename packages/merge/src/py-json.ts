import { issue, PyDict, pyJsonText, PyOpaque, type Issue, type PyValue } from '@shardwise/core';
import { nativeTopLevel } from './native-top-level.js';

/**
 * The JSON dialect of Python's `json` module, as OpenCompass writes and reads it (docs/opencompass.md §2.1):
 * bare `NaN`/`Infinity`/`-Infinity`, int vs float by lexical form (int → bigint, exact at any size),
 * insertion-ordered objects (PyDict), duplicate keys keep the first position and the last value.
 */
export function parsePyJson(text: string, file: string, options: ParseOptions = {}): { value?: PyValue; issues: Issue[] } {
  // Top-level reads (a result's metrics, a prediction file's keys) try native parsing first; whatever it
  // cannot vouch for (NaN, duplicates, syntax errors) goes through the exact parser below.
  if (options.defer || options.skipValues) {
    const value = nativeTopLevel(text, options, deferAt, parseAt);
    if (value) return { value, issues: [] };
  }
  const parser = new Parser(text, options.skipValues ? SKIP : options.defer);
  try {
    parser.ws();
    const value = parser.value(true);
    parser.ws();
    if (parser.pos < text.length) parser.fail('SW_JSON_SYNTAX', 'extra data after the JSON value');
    return { value, issues: parser.warnings.map((w) => located(w, text, file)) };
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    return { issues: [...parser.warnings, e].map((w) => located(w, text, file)) };
  }
}

export interface ParseOptions {
  /**
   * Top-level keys of an object whose list or dict value is checked (same issues at the same
   * positions) but kept as a DeferredValue: built only if something reads it.
   */
  defer?: (key: string) => boolean;
  /** Every top-level value of an object is checked, not built, and read as None: for counting keys. */
  skipValues?: true;
}

/** The `defer` of skipValues: marks the parser's keys-only mode. */
const SKIP = (): boolean => true;

/**
 * A list or dict kept unbuilt until something reads it: a result's `details` or a prediction record
 * (validated by the parser, not allocated), or merged details (concatenated only when written).
 * `length` is the element count of a list.
 */
export class DeferredValue extends PyOpaque {
  #value: PyValue | undefined;
  #build: (() => PyValue) | undefined;
  constructor(
    build: () => PyValue,
    readonly length: number | undefined,
  ) {
    super('other', 'deferred JSON value');
    this.#build = build;
  }

  get isList(): boolean {
    return this.length !== undefined;
  }

  /** The value, built on first use and kept. */
  get value(): PyValue {
    if (this.#build) {
      this.#value = this.#build();
      this.#build = undefined;
    }
    return this.#value!;
  }
}

const deferAt = (text: string, start: number, length: number | undefined) => new DeferredValue(() => parseAt(text, start), length);

/** The value at `start` of an already validated text (so no issue can arise). */
function parseAt(text: string, start: number): PyValue {
  const p = new Parser(text);
  p.pos = start;
  return p.value(true);
}

/** A value as built: a DeferredValue is materialised. */
export const resolved = <T extends PyValue | undefined>(v: T): T | PyValue => (v instanceof DeferredValue ? v.value : v);

/** A dict whose deferred top-level values are materialised (for output that must show them). */
export function materialized(d: PyDict): PyDict {
  return [...d.values()].some((v) => v instanceof DeferredValue) ? new PyDict([...d].map(([k, v]) => [k, resolved(v)])) : d;
}

/**
 * One `"key": value` entry of a top-level object, alone in `text` (dump-layout.ts reads a file entry by entry):
 * as the whole-file parse reads it at depth 1, or undefined when that parse would say anything about it (a syntax
 * error, a duplicate key inside), or the text is more than the entry. Separator `: ` as Python's json.dump writes it.
 */
export function parseTopEntry(text: string): [string, PyValue] | undefined {
  if (text.charCodeAt(0) !== 0x22) return undefined;
  const p = new Parser(text);
  p.depth = 1;
  try {
    const key = p.string();
    if (text.charCodeAt(p.pos) !== 0x3a || text.charCodeAt(p.pos + 1) !== 0x20) return undefined;
    p.pos += 2;
    const value = p.value(true);
    return p.pos === text.length && p.warnings.length === 0 ? [key, value] : undefined;
  } catch (e) {
    if (e instanceof ParseFailure) return undefined;
    throw e;
  }
}

class ParseFailure {
  constructor(
    readonly code: 'SW_JSON_SYNTAX' | 'SW_JSON_TRUNCATED' | 'SW_JSON_DUPLICATE_KEY',
    readonly message: string,
    readonly pos: number,
  ) {}
}

function located(f: ParseFailure, text: string, file: string): Issue {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < f.pos; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const col = [...text.slice(lineStart, f.pos)].length + 1;
  const hint =
    f.code === 'SW_JSON_TRUNCATED'
      ? 'the writer was interrupted: re-run that evaluation (delete the file and use `opencompass … -m eval -r <ts>`)'
      : f.code === 'SW_JSON_DUPLICATE_KEY'
        ? 'the later value is used, as Python does'
        : 'the file was not written by OpenCompass or was edited by hand; regenerate it';
  return issue(f.code, `${f.message} at line ${line}, column ${col}`, { file, line, col, hint });
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
/** What can follow a complete number's digits when the file ends mid-number. */
const NUMBER_CUT = /^(?:-|\.|[eE][+-]?)$/;
const MAX_DEPTH = 1000;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** What an object checked without building returns (its value is never read). */
const UNBUILT = new PyDict();

/** A set of keys that allocates nothing while small: most objects have a handful of keys. */
class KeySet {
  private readonly list: string[] = [];
  private large: Set<string> | undefined;

  clear(): void {
    this.list.length = 0;
    this.large = undefined;
  }

  has(key: string): boolean {
    return this.large ? this.large.has(key) : this.list.includes(key);
  }

  add(key: string): void {
    if (this.large) this.large.add(key);
    else if (this.list.push(key) > 32) this.large = new Set(this.list);
  }
}

/** Where a string ends or needs attention: a quote, a backslash or a control character. */
const STRING_STOP = /["\\\x00-\x1f]/g;

/**
 * Builds values, or with `build` false checks them the same way (same failures at the same positions,
 * duplicate keys included) without allocating them; the returned value is then meaningless.
 */
class Parser {
  pos = 0;
  depth = 0;
  /** Element count of the last list checked without building. */
  skippedLength = 0;
  /** Key sets of objects checked without building, one per depth, reused (objects at one depth never overlap). */
  private readonly keySets: KeySet[] = [];
  readonly warnings: ParseFailure[] = [];
  constructor(
    readonly text: string,
    readonly defer?: (key: string) => boolean,
  ) {}

  keysAt(depth: number): KeySet {
    const keys = (this.keySets[depth] ??= new KeySet());
    keys.clear();
    return keys;
  }

  fail(code: ParseFailure['code'], message: string, at = this.pos): never {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a located record (warnings hold them too), caught in parsePyJson
    throw new ParseFailure(this.pos >= this.text.length ? 'SW_JSON_TRUNCATED' : code, message, at);
  }

  ws(): void {
    // Comparisons, not a Set lookup: indent=4 files are mostly whitespace and this is the parser's hottest loop.
    const t = this.text;
    let p = this.pos;
    for (let c = t.charCodeAt(p); c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d; c = t.charCodeAt(++p));
    this.pos = p;
  }

  value(build: boolean): PyValue {
    const t = this.text;
    const c = t[this.pos];
    if (c === undefined) this.fail('SW_JSON_TRUNCATED', 'unexpected end of file, expecting a value');
    if (c === '{' || c === '[') {
      // Python's json raises RecursionError near this depth; a stack overflow here would crash the command.
      if (++this.depth > MAX_DEPTH)
        this.fail('SW_JSON_SYNTAX', `nested more than ${MAX_DEPTH} levels deep (Python's json raises RecursionError)`);
      const v = c === '{' ? this.object(build) : this.array(build);
      this.depth--;
      return v;
    }
    if (c === '"') return this.string(build);
    for (const [word, v] of LITERALS) if (t.startsWith(word, this.pos)) return ((this.pos += word.length), v);
    this.failIfCutShort(LITERALS.some(([word]) => t.length - this.pos < word.length && word.startsWith(t.slice(this.pos))));
    if (c === '-' || (c >= '0' && c <= '9')) return this.number(build);
    return this.fail('SW_JSON_SYNTAX', `unexpected character ${JSON.stringify(c)}, expecting a value`);
  }

  number(build: boolean): PyValue {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    const end = this.pos + (m?.[0].length ?? 0);
    this.failIfCutShort(this.text.length - end <= 2 && NUMBER_CUT.test(this.text.slice(end)));
    if (!m) return this.fail('SW_JSON_SYNTAX', 'malformed number');
    this.pos = end;
    if (!build) return null;
    return m[1] !== undefined || m[2] !== undefined ? Number(m[0]) : BigInt(m[0]);
  }

  /** A token the end of the file cut short (`nu`, `-Infin`, `1.`, `2e+`): the write was interrupted. */
  failIfCutShort(cut: boolean): void {
    if (!cut) return;
    this.pos = this.text.length;
    this.fail('SW_JSON_TRUNCATED', 'unexpected end of file inside a value');
  }

  string(build = true): string {
    const t = this.text;
    const start = this.pos++;
    let out = '';
    for (;;) {
      // The native regex finds the next quote, backslash or control character; plain runs are sliced whole.
      STRING_STOP.lastIndex = this.pos;
      const stop = STRING_STOP.exec(t);
      if (stop === null) {
        this.pos = t.length;
        this.fail('SW_JSON_TRUNCATED', 'unterminated string', start);
      }
      const at = stop.index;
      if (build) out += t.slice(this.pos, at);
      this.pos = at;
      const code = t.charCodeAt(at);
      if (code === 0x22) {
        this.pos++;
        return out;
      }
      if (code < 0x20) this.fail('SW_JSON_SYNTAX', 'invalid control character in string');
      const e = t[this.pos + 1];
      if (e === undefined) this.fail('SW_JSON_TRUNCATED', 'unterminated string', start);
      if (e === 'u') {
        const hex = t.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('SW_JSON_SYNTAX', 'invalid \\u escape');
        if (build) out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else {
        const ch = ESCAPES[e];
        if (ch === undefined) this.fail('SW_JSON_SYNTAX', `invalid escape \\${e}`);
        if (build) out += ch;
        this.pos += 2;
      }
    }
  }

  array(build: boolean): PyValue[] {
    this.pos++;
    const out: PyValue[] = [];
    let length = 0;
    this.ws();
    if (this.text[this.pos] === ']') return ((this.skippedLength = 0), this.pos++, out);
    for (;;) {
      this.ws();
      const v = this.value(build);
      if (build) out.push(v);
      length++;
      this.ws();
      const c = this.text[this.pos++];
      if (c === ']') return ((this.skippedLength = length), out);
      if (c !== ',') this.fail('SW_JSON_SYNTAX', "expecting ',' or ']'", this.pos - 1);
    }
  }

  object(build: boolean): PyDict {
    this.pos++;
    const out = build ? new PyDict() : UNBUILT;
    // Keys are tracked even when not building: a duplicate is a warning wherever it is.
    const seen = build ? undefined : this.keysAt(this.depth);
    const top = this.depth === 1 && this.defer !== undefined;
    this.ws();
    if (this.text[this.pos] === '}') return (this.pos++, out);
    for (;;) {
      this.ws();
      if (this.text[this.pos] !== '"') this.fail('SW_JSON_SYNTAX', 'expecting a property name in double quotes');
      const keyAt = this.pos;
      const key = this.string();
      this.ws();
      if (this.text[this.pos] !== ':') this.fail('SW_JSON_SYNTAX', "expecting ':' after a property name");
      this.pos++;
      this.ws();
      const start = this.pos;
      const open = this.text[start];
      const skipped = build && top && this.defer === SKIP;
      const deferred = build && top && !skipped && (open === '[' || open === '{') && this.defer(key);
      const v = skipped ? (this.value(false), null) : this.value(build && !deferred);
      if (seen ? seen.has(key) : out.has(key))
        this.warnings.push(new ParseFailure('SW_JSON_DUPLICATE_KEY', `duplicate key ${JSON.stringify(key)}`, keyAt));
      if (seen) seen.add(key);
      else out.set(key, deferred ? deferAt(this.text, start, open === '[' ? this.skippedLength : undefined) : v);
      this.ws();
      const c = this.text[this.pos++];
      if (c === '}') return out;
      if (c !== ',') this.fail('SW_JSON_SYNTAX', "expecting ',' or '}'", this.pos - 1);
    }
  }
}

const LITERALS: [string, PyValue][] = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
];

/** `json.dump(value, f, indent=4, ensure_ascii=False)` byte for byte (no trailing newline, as Python); deferred values resolved. */
export function stringifyPyJson(value: PyValue): string {
  return pyJsonText(value, { indent: 4, resolve: resolved });
}

/**
 * `json.dumps(value, sort_keys=True)` with Python's defaults (separators `', '`/`': '`, ensure_ascii):
 * the text OpenCompass hashes for the version column. Keys sort by their Python value (ints
 * numerically, strings by code point); mixing kinds is a TypeError, as in Python.
 */
export function pythonJsonDumpsSorted(input: PyValue): string {
  return pyJsonText(input, { asciiOnly: true, sortKeys: true, resolve: resolved });
}
