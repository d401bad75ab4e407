import { PyDict, PyLazy, PyOpaque, PyTuple, type PyKey, type PyValue } from './py-value.js';
import { pyFloatRepr, pyRepr } from './python-format.js';

/** A string with a UTF-16 surrogate: only then do code-unit and code-point order differ. */
export const HAS_SURROGATE = /[\uD800-\uDFFF]/;

/** Python str ordering (by code point), not JS's UTF-16 code-unit ordering (they differ only around astral characters). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  if (!HAS_SURROGATE.test(a) && !HAS_SURROGATE.test(b)) return a < b ? -1 : 1;
  const ca = [...a];
  const cb = [...b];
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const d = ca[i]!.codePointAt(0)! - cb[i]!.codePointAt(0)!;
    if (d) return d;
  }
  return ca.length - cb.length;
}

/** A float as Python's json writes it: repr, or `NaN`/`Infinity`/`-Infinity`. */
export function jsonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return pyFloatRepr(x);
}

/**
 * json's key coercion: str as is, int/float/bool/None converted (`1.0` → `"1.0"`, `True` → `"true"`); a tuple is a
 * TypeError in Python, so it throws unless `tupleKey` says how to show one.
 */
export function pyJsonKey(k: PyKey, tupleKey?: (k: PyTuple) => string): string {
  if (typeof k === 'string') return k;
  if (k === true) return 'true';
  if (k === false) return 'false';
  if (k === null) return 'null';
  if (typeof k === 'bigint') return k.toString();
  if (typeof k === 'number') return jsonFloat(k);
  if (tupleKey) return tupleKey(k);
  throw new TypeError('keys must be str, int, float, bool or None, not tuple');
}

/** A JSON string as Python's json writes it (`ensure_ascii` escapes everything beyond ASCII as `\uXXXX`). */
export function escapeJsonString(s: string, asciiOnly: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (asciiOnly && c > 0x7e)) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

export interface PyJsonOptions {
  /** `indent=N`; undefined for Python's one-line default (separators `', '` and `': '`). */
  indent?: number;
  /** Nesting level the text starts at (its first line is not indented). */
  level?: number;
  /** `ensure_ascii=True`. */
  asciiOnly?: boolean;
  /** `sort_keys=True`: keys by their Python value (ints numerically, strings by code point; mixing kinds is a TypeError). */
  sortKeys?: boolean;
  /**
   * A view for people rather than Python (`shardwise config --json`): non-finite floats as the strings `"nan"`,
   * `"inf"`, `"-inf"`, unserialisable values and tuple keys as their repr, instead of Python's output or TypeError.
   */
  lenient?: boolean;
  /** Replaces a value before it is written (merge's deferred `details`). */
  resolve?: (v: PyValue) => PyValue;
}

/**
 * The one JSON writer of Python values: `json.dumps(value, indent=…, ensure_ascii=…, sort_keys=…)` byte for byte
 * (`80.0` stays `80.0`, ints are exact at any size, tuples are arrays, lazy imports their dotted name as mmengine's
 * to_dict gives it), no trailing newline.
 */
export function pyJsonText(value: PyValue, options: PyJsonOptions = {}): string {
  const parts: string[] = [];
  const { indent, asciiOnly = false, lenient = false, resolve } = options;
  const pad = indent === undefined ? undefined : ' '.repeat(indent);
  const key = (k: PyKey) => (lenient ? JSON.stringify(pyJsonKey(k, (t) => pyRepr(t))) : escapeJsonString(pyJsonKey(k), asciiOnly));
  const write = (input: PyValue, depth: number): void => {
    const v = resolve ? resolve(input) : input;
    const s = scalar(v, asciiOnly, lenient);
    if (s !== undefined) return void parts.push(s);
    if (!(v instanceof PyDict) && !Array.isArray(v) && !(v instanceof PyTuple)) {
      if (lenient) return void parts.push(JSON.stringify(String(v)));
      throw new TypeError(`Object of type ${typeof v} is not JSON serializable`);
    }
    const dict = v instanceof PyDict;
    let items: readonly unknown[] = dict ? [...v] : Array.isArray(v) ? v : v.items;
    const [open, close] = dict ? ['{', '}'] : ['[', ']'];
    if (items.length === 0) return void parts.push(open + close);
    if (dict && options.sortKeys) items = (items as [PyKey, PyValue][]).sort(([a], [b]) => comparePyKeys(a, b));
    const inner = pad === undefined ? '' : '\n' + pad.repeat(depth + 1);
    const separator = pad === undefined ? ', ' : ',' + inner;
    parts.push(open, inner);
    let first = true;
    for (const item of items) {
      if (!first) parts.push(separator);
      first = false;
      if (dict) {
        const [k, x] = item as [PyKey, PyValue];
        parts.push(key(k), ': ');
        write(x, depth + 1);
      } else write(item as PyValue, depth + 1);
    }
    parts.push(pad === undefined ? close : '\n' + pad.repeat(depth) + close);
  };
  write(value, options.level ?? 0);
  return parts.join('');
}

function scalar(v: PyValue, asciiOnly: boolean, lenient: boolean): string | undefined {
  if (v === null) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return lenient && !Number.isFinite(v) ? `"${pyFloatRepr(v)}"` : jsonFloat(v);
  if (typeof v === 'string') return lenient ? JSON.stringify(v) : escapeJsonString(v, asciiOnly);
  if (v instanceof PyLazy) return lenient ? JSON.stringify(v.dotted) : escapeJsonString(v.dotted, asciiOnly);
  if (v instanceof PyOpaque) {
    if (lenient) return JSON.stringify(`<${v.kind} ${v.label}>`);
    throw new TypeError(`Object of type ${v.kind} is not JSON serializable`);
  }
  return undefined;
}

function comparePyKeys(a: PyKey, b: PyKey): number {
  const num = (k: PyKey) => (typeof k === 'boolean' ? Number(k) : typeof k === 'bigint' || typeof k === 'number' ? k : undefined);
  const na = num(a);
  const nb = num(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  throw new TypeError(`'<' not supported between instances of ${pyTypeName(a)} and ${pyTypeName(b)}`);
}

function pyTypeName(k: PyKey): string {
  if (typeof k === 'string') return "'str'";
  if (typeof k === 'bigint') return "'int'";
  if (typeof k === 'number') return "'float'";
  if (typeof k === 'boolean') return "'bool'";
  if (k === null) return "'NoneType'";
  return "'tuple'";
}
