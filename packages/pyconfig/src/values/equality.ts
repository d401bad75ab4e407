import { compareCodePoints, PyDict, PyTuple, type PyKey, type PyValue } from '@shardwise/core';
import { pyError } from '../interpreter/py-exception.js';
import { PyRange, PySet } from './runtime-objects.js';
import { typeName } from './type-name.js';

type Numeric = bigint | number | boolean;
const isNumeric = (v: unknown): v is Numeric => typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';
const asBig = (v: bigint | boolean): bigint => (typeof v === 'boolean' ? (v ? 1n : 0n) : v);

/** Python `a == b`: int/float/bool compare by value, containers element-wise, other objects by identity. */
export function pyEquals(a: PyValue | PyKey, b: PyValue | PyKey): boolean {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  if (isNumeric(a) && isNumeric(b)) return compareNumbers(a, b) === 0;
  if (typeof a === 'string' || typeof b === 'string') return false;
  if (Array.isArray(a)) return Array.isArray(b) && sequenceEquals(a, b);
  if (a instanceof PyTuple) return b instanceof PyTuple && sequenceEquals(a.items, b.items);
  if (a instanceof PyDict) {
    if (!(b instanceof PyDict) || a.size !== b.size) return false;
    for (const [k, v] of a) {
      if (!b.has(k)) {
        const match = [...b.keys()].find((bk) => pyEquals(bk, k));
        if (match === undefined || !pyEquals(v, b.get(match)!)) return false;
      } else if (!pyEquals(v, b.get(k)!)) return false;
    }
    return true;
  }
  if (a instanceof PySet)
    return (
      b instanceof PySet &&
      a.items.size === b.items.size &&
      [...a.items.keys()].every((k) => [...b.items.keys()].some((bk) => pyEquals(k, bk)))
    );
  if (a instanceof PyRange && b instanceof PyRange)
    return a.length === b.length && (a.length === 0n || (a.start === b.start && (a.length === 1n || a.step === b.step)));
  return false;
}

function sequenceEquals(a: readonly PyValue[], b: readonly PyValue[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!pyEquals(a[i]!, b[i]!)) return false;
  return true;
}

/** -1, 0, 1 (NaN compares as unordered: NaN). */
export function compareNumbers(a: Numeric, b: Numeric): number {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = typeof a === 'number' ? a : Number(asBig(a));
    const y = typeof b === 'number' ? b : Number(asBig(b));
    if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
    // Exact when both are integral and the int side is beyond double precision.
    if (typeof a !== 'number' && Number.isInteger(y) && Number.isFinite(y)) return cmpBig(asBig(a), BigInt(y));
    if (typeof b !== 'number' && Number.isInteger(x) && Number.isFinite(x)) return cmpBig(BigInt(x), asBig(b));
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return cmpBig(asBig(a), asBig(b));
}

const cmpBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** Python ordering (`<` and friends, sorted, min/max): numbers, strings by code point, sequences lexicographically. */
export function pyCompare(a: PyValue, b: PyValue, op: string): number {
  if (isNumeric(a) && isNumeric(b)) return compareNumbers(a, b);
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  const sa = Array.isArray(a) ? a : a instanceof PyTuple ? a.items : undefined;
  const sb = Array.isArray(b) ? b : b instanceof PyTuple ? b.items : undefined;
  if (sa && sb && Array.isArray(a) === Array.isArray(b)) {
    const n = Math.min(sa.length, sb.length);
    for (let i = 0; i < n; i++) if (!pyEquals(sa[i]!, sb[i]!)) return pyCompare(sa[i]!, sb[i]!, op);
    return sa.length - sb.length;
  }
  throw pyError('TypeError', `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}
