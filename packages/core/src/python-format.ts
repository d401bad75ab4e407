import { PyDict, PyLazy, PyOpaque, PyTuple, type PyKey, type PyValue } from './py-value.js';

/**
 * Python's repr() of a float: shortest round-trip digits; exponent form when the decimal exponent
 * is < -4 or >= 16 (`1e-05`, `1e+16`); integral values end in `.0`; `nan`, `inf`, `-inf`.
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant = '', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  const sign = mant.startsWith('-') ? '-' : '';
  const digits = mant.replace('-', '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac || '0'}`;
}

/**
 * The exact decimal expansion of a finite double as [digits, pointPosition]: value = 0.digits × 10^point
 * is avoided; instead returns integer part and fraction strings of the exact binary value.
 */
function exactDecimal(x: number): { neg: boolean; int: string; frac: string } {
  const neg = x < 0 || Object.is(x, -0);
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(x));
  const bits = buf.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let e2: number;
  if (expBits === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = expBits - 1075;
  }
  if (e2 >= 0) return { neg, int: (mant << BigInt(e2)).toString(), frac: '' };
  // mant / 2^k = mant·5^k / 10^k
  const k = -e2;
  const scaled = (mant * 5n ** BigInt(k)).toString().padStart(k + 1, '0');
  return { neg, int: scaled.slice(0, scaled.length - k), frac: scaled.slice(scaled.length - k).replace(/0+$/, '') };
}

/**
 * Python `format(x, '.{digits}f')`: the exact binary value correctly rounded, ties to even;
 * no exponent ever; `-0.0` keeps its sign; `nan`/`inf`/`-inf`.
 */
export function pyFormatFixed(x: number, digits: number): string {
  // JS toFixed also rounds the exact binary value and differs only on exact ties (it rounds them up,
  // Python to even). A tie makes x·2·10^d an odd integer, which below 2^52 the float product is
  // exactly; when the product is not an integer there is no tie and toFixed is right (and fast).
  if (Number.isFinite(x) && !Object.is(x, -0) && digits <= 20 && Math.abs(x) < 1e21) {
    const scaled = x * 2 * 10 ** digits;
    if (Math.abs(scaled) < 2 ** 52 && !Number.isInteger(scaled)) return x.toFixed(digits);
  }
  return exactFixed(x, digits);
}

/** The exact big-integer path of pyFormatFixed: ties to even on the value's exact decimal expansion. */
function exactFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const { neg, int, frac } = exactDecimal(x);
  let kept = BigInt(int + frac.slice(0, digits).padEnd(digits, '0'));
  const rest = frac.slice(digits);
  if (rest.length) {
    const first = rest.charCodeAt(0) - 48;
    const beyond = /[1-9]/.test(rest.slice(1));
    if (first > 5 || (first === 5 && (beyond || kept % 2n === 1n))) kept += 1n;
  }
  const text = kept.toString().padStart(digits + 1, '0');
  const body = digits ? `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}` : text;
  return neg ? `-${body}` : body;
}

/**
 * Python's `round(x, digits)` on a float: inf and nan come back unchanged (`Number('inf')` would be NaN);
 * a finite x is correctly rounded, ties to even on its exact binary value, which is float(format(x, '.Nf')),
 * keeping the sign of a zero result (`round(-0.001, 2) == -0.0`).
 */
export function pyRound(x: number, digits: number): number {
  return Number.isFinite(x) ? Number(pyFormatFixed(x, digits)) : x;
}

/** Python repr() of a str: quote choice and escapes as CPython does them. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && !isPrintable(ch))) out += escapeCodePoint(cp);
    else out += ch;
  }
  return out + quote;
}

function escapeCodePoint(cp: number): string {
  if (cp < 0x100) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

// CPython's str.isprintable: not in categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs (except ' ').
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
function isPrintable(ch: string): boolean {
  return ch === ' ' || !NON_PRINTABLE.test(ch);
}

/**
 * Python repr() of any value; the one home of repr/str for every package. Lazy imports print as mmengine's
 * LazyObject/LazyAttr do (`__repr__ = __str__`): the imported name, the attribute's last segment, or for a module
 * import the module as bound (`import a.b` → `a`, `import a.b as c` → `a.b`). A list or dict that contains itself
 * prints `[...]`/`{...}` as in CPython. `other` renders objects only the caller knows (pyconfig's runtime objects).
 */
export function pyRepr(v: PyValue | PyKey, other?: (v: object) => string | undefined): string {
  return reprOf(v, other, new Set());
}

function reprOf(v: PyValue | PyKey, other: ((v: object) => string | undefined) | undefined, seen: Set<object>): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return pyFloatRepr(v);
  if (typeof v === 'string') return pyStrRepr(v);
  if (v instanceof PyLazy) return lazyStr(v);
  if (seen.has(v)) return Array.isArray(v) ? '[...]' : '{...}';
  seen.add(v);
  try {
    const repr = (x: PyValue | PyKey) => reprOf(x, other, seen);
    if (Array.isArray(v)) return `[${v.map(repr).join(', ')}]`;
    if (v instanceof PyTuple) return v.items.length === 1 ? `(${repr(v.items[0]!)},)` : `(${v.items.map(repr).join(', ')})`;
    if (v instanceof PyDict) return `{${[...v].map(([k, x]) => `${repr(k)}: ${repr(x)}`).join(', ')}}`;
    const shown = other?.(v);
    if (shown !== undefined) return shown;
    if (v instanceof PyOpaque) return `<${v.kind} ${v.label}>`;
    return String(v);
  } finally {
    seen.delete(v);
  }
}

/** mmengine's str() of a lazy import: LazyObject gives `imported` or the module, LazyAttr its own name. */
function lazyStr(v: PyLazy): string {
  return v.name ? v.name.split('.').pop()! : v.module;
}

/** Python str(): strings as themselves, lazy imports as mmengine prints them, everything else as repr. */
export function pyStr(v: PyValue, other?: (v: object) => string | undefined): string {
  return typeof v === 'string' ? v : pyRepr(v, other);
}
