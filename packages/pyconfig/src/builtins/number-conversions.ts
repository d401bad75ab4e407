import { pyFormatFixed, type PyValue } from '@shardwise/core';
import { pyError } from '../interpreter/py-exception.js';
import { pyRepr } from '../values/repr.js';
import { typeName } from '../values/type-name.js';

/** int(x[, base]): truncates floats, parses strings with whitespace, `_` separators and a sign. */
export function toInt(v: PyValue, base: PyValue | undefined): bigint {
  if (base !== undefined && typeof v !== 'string') throw pyError('TypeError', "int() can't convert non-string with explicit base");
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) throw pyError('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw pyError('OverflowError', 'cannot convert float infinity to integer');
    return BigInt(Math.trunc(v));
  }
  if (typeof v === 'string') {
    const b = base === undefined ? 10 : Number(base);
    const t = v.trim();
    const m = /^([+-]?)(?:0[xob])?([0-9a-z](?:_?[0-9a-z])*)$/i.exec(t);
    const digits = m?.[2]?.replace(/_/g, '').toLowerCase();
    const valid =
      digits !== undefined && [...digits].every((d) => parseInt(d, 36) < b) && (b !== 10 || !/^0[xob]/i.test(t.replace(/^[+-]/, '')));
    if (!valid) throw pyError('ValueError', `invalid literal for int() with base ${b}: ${pyRepr(v)}`);
    let n = 0n;
    for (const d of digits) n = n * BigInt(b) + BigInt(parseInt(d, 36));
    return m![1] === '-' ? -n : n;
  }
  throw pyError('TypeError', `int() argument must be a string or a number, not '${typeName(v)}'`);
}

/** float(x): accepts `1e3`, `nan`, `inf`, `-Infinity`, `_` separators between digits. */
export function toFloat(v: PyValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    const special = /^([+-]?)(nan|inf|infinity)$/.exec(t);
    if (special) return special[2] === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
    if (/^[+-]?(\d(_?\d)*)?(\.(\d(_?\d)*)?)?(e[+-]?\d(_?\d)*)?$/.test(t) && /\d/.test(t.split('e')[0]!)) return Number(t.replace(/_/g, ''));
    throw pyError('ValueError', `could not convert string to float: ${pyRepr(v)}`);
  }
  throw pyError('TypeError', `float() argument must be a string or a real number, not '${typeName(v)}'`);
}

/** round(x[, n]): half to even on the exact binary value; ints stay ints. */
export function roundNumber(x: PyValue, ndigits: PyValue): PyValue {
  if (typeof x === 'boolean') x = x ? 1n : 0n;
  if (ndigits !== null && typeof ndigits !== 'bigint')
    throw pyError('TypeError', `'${typeName(ndigits)}' object cannot be interpreted as an integer`);
  if (typeof x === 'bigint') {
    if (ndigits === null || ndigits >= 0n) return x;
    const unit = 10n ** -ndigits;
    const q = x / unit;
    const r = x - q * unit;
    const twice = 2n * (r < 0n ? -r : r);
    const away = twice > unit || (twice === unit && (q & 1n) !== 0n);
    return (q + (away ? (x < 0n ? -1n : 1n) : 0n)) * unit;
  }
  if (typeof x !== 'number') throw pyError('TypeError', `type ${typeName(x)} doesn't define __round__ method`);
  if (ndigits === null) {
    if (!Number.isFinite(x)) throw pyError(Number.isNaN(x) ? 'ValueError' : 'OverflowError', 'cannot convert float to integer');
    return BigInt(pyFormatFixed(x, 0).replace('-0', '0'));
  }
  if (!Number.isFinite(x) || ndigits > 308n) return x;
  if (ndigits >= 0n) return Number(pyFormatFixed(x, Number(ndigits)));
  const scaled = Number(pyFormatFixed(x / 10 ** Number(-ndigits), 0));
  return scaled * 10 ** Number(-ndigits);
}
