import { pyFloatRepr, pyFormatFixed, type PyValue } from '@shardwise/core';
import { pyError } from './interpreter/py-exception.js';
import { pyStr } from './values/repr.js';
import { typeName } from './values/type-name.js';

/** Python's format-spec mini-language: [[fill]align][sign][z][#][0][width][grouping][.precision][type]. */
const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

interface Spec {
  fill: string;
  align: string | undefined;
  sign: string;
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number | undefined;
  type: string;
}

function parseSpec(spec: string): Spec {
  const m = SPEC.exec(spec);
  if (!m) throw pyError('ValueError', `Invalid format specifier '${spec}'`);
  return {
    fill: m[1] ?? (m[6] && !m[2] ? '0' : ' '),
    align: m[2] ?? (m[6] ? '=' : undefined),
    sign: m[3] ?? '-',
    alternate: Boolean(m[5]),
    zero: Boolean(m[6]),
    width: m[7] ? Number(m[7]) : 0,
    grouping: m[8] ?? '',
    precision: m[9] !== undefined ? Number(m[9]) : undefined,
    type: m[10] ?? '',
  };
}

/** `format(value, spec)`, as f-strings and str.format apply it. */
export function formatValue(value: PyValue, spec: string): string {
  if (spec === '') return pyStr(value);
  const s = parseSpec(spec);
  if (typeof value === 'boolean' && s.type === '') return pad(pyStr(value), s, false);
  if (typeof value === 'bigint' || typeof value === 'boolean') return formatInt(typeof value === 'boolean' ? BigInt(value) : value, s);
  if (typeof value === 'number') return formatFloat(value, s);
  if (typeof value === 'string' || s.type === '' || s.type === 's') {
    if (s.type !== '' && s.type !== 's')
      throw pyError('ValueError', `Unknown format code '${s.type}' for object of type '${typeName(value)}'`);
    if (s.sign !== '-' || s.alternate || s.grouping)
      throw pyError('ValueError', 'Sign, alternate form and grouping are not allowed in string format specifier');
    let text = pyStr(value);
    if (s.precision !== undefined) text = [...text].slice(0, s.precision).join('');
    return pad(text, s, false);
  }
  throw pyError('TypeError', `unsupported format string passed to ${typeName(value)}.__format__`);
}

function formatInt(n: bigint, s: Spec): string {
  if ('eEfFgG%'.includes(s.type) && s.type !== '') return formatFloat(Number(n), s);
  if (s.precision !== undefined) throw pyError('ValueError', 'Precision not allowed in integer format specifier');
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let digits: string;
  let prefix = '';
  switch (s.type) {
    case 'b':
      digits = abs.toString(2);
      prefix = '0b';
      break;
    case 'o':
      digits = abs.toString(8);
      prefix = '0o';
      break;
    case 'x':
      digits = abs.toString(16);
      prefix = '0x';
      break;
    case 'X':
      digits = abs.toString(16).toUpperCase();
      prefix = '0X';
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(n)), s, false);
    default:
      digits = abs.toString();
  }
  if (s.grouping) digits = group(digits, s.grouping, s.type === '' || s.type === 'd' || s.type === 'n' ? 3 : 4);
  return pad(digits, s, true, signOf(neg, s) + (s.alternate ? prefix : ''));
}

function formatFloat(x: number, s: Spec): string {
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  let body: string;
  const type = s.type;
  if (!Number.isFinite(abs)) body = Number.isNaN(abs) ? 'nan' : 'inf';
  else if (type === 'f' || type === 'F') body = pyFormatFixed(abs, s.precision ?? 6);
  else if (type === '%') body = pyFormatFixed(abs * 100, s.precision ?? 6) + '%';
  else if (type === 'e' || type === 'E') body = exponential(abs, s.precision ?? 6);
  else if (type === 'g' || type === 'G' || type === 'n') body = general(abs, s.precision ?? 6, s.alternate);
  else body = s.precision === undefined ? pyFloatRepr(abs) : general(abs, s.precision, s.alternate, true);
  if (type === 'E' || type === 'G' || type === 'F') body = body.toUpperCase();
  if (s.grouping && Number.isFinite(abs)) {
    const [intPart, rest] = splitNumber(body);
    body = group(intPart, s.grouping, 3) + rest;
  }
  return pad(body, s, true, signOf(neg && !Number.isNaN(x), s));
}

function splitNumber(body: string): [string, string] {
  const m = /^(\d+)(.*)$/s.exec(body);
  return m ? [m[1]!, m[2]!] : [body, ''];
}

/** Exact digits of |x| rounded half-even to `sig` significant digits: [digits, decimal exponent]. */
function roundSignificant(x: number, sig: number): [string, number] {
  if (x === 0) return ['0'.repeat(sig), 0];
  const exact = pyFormatFixed(x, 1100).replace('.', '');
  const intLen = pyFormatFixed(x, 0).length;
  const firstNonZero = exact.search(/[1-9]/);
  let exp = intLen - 1 - firstNonZero;
  const digits = exact.slice(firstNonZero);
  let kept = BigInt(digits.slice(0, sig).padEnd(sig, '0'));
  const rest = digits.slice(sig);
  if (rest.length) {
    const first = rest.charCodeAt(0) - 48;
    if (first > 5 || (first === 5 && (/[1-9]/.test(rest.slice(1)) || kept % 2n === 1n))) kept += 1n;
  }
  let text = kept.toString();
  if (text.length > sig) {
    text = text.slice(0, sig);
    exp += 1;
  }
  return [text, exp];
}

function exponential(x: number, precision: number): string {
  const [digits, exp] = roundSignificant(x, precision + 1);
  const mant = precision ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** 'g' (and the empty type with a precision, which keeps at least one fractional digit). */
function general(x: number, precision: number, alternate: boolean, noType = false): string {
  const p = precision === 0 ? 1 : precision;
  if (x === 0) return noType ? '0.0' : alternate ? '0.' + '0'.repeat(p - 1) : '0';
  const [, exp] = roundSignificant(x, p);
  let out: string;
  if (exp >= -4 && exp < p) out = pyFormatFixed(x, p - 1 - exp);
  else out = exponential(x, p - 1);
  if (!alternate) out = out.replace(/(\.\d*?)0+(?=e|$)/, '$1').replace(/\.(?=e|$)/, '');
  if (noType && !/[.e]/.test(out) && !/inf|nan/.test(out)) out += '.0';
  return out;
}

function group(digits: string, sep: string, every: number): string {
  return digits.replace(new RegExp(`\\B(?=(\\w{${every}})+(?!\\w))`, 'g'), sep);
}

function signOf(neg: boolean, s: Spec): string {
  return neg ? '-' : s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '';
}

function pad(body: string, s: Spec, numeric: boolean, sign = ''): string {
  const fillCount = Math.max(0, s.width - [...body].length - sign.length);
  const align = s.align === '=' && !numeric ? '<' : (s.align ?? (numeric ? '>' : '<'));
  const left = align === '<' ? 0 : align === '^' ? Math.floor(fillCount / 2) : fillCount;
  if (align === '=') return sign + s.fill.repeat(fillCount) + body;
  return s.fill.repeat(left) + sign + body + s.fill.repeat(fillCount - left);
}
