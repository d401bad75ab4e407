import { PyDict, PyTuple, type PyValue } from '@shardwise/core';
import { pyError } from '../interpreter/py-exception.js';
import type { Limits } from '../limits.js';
import { dictSet } from './dict-keys.js';
import { typeName } from './type-name.js';

type Int = bigint | boolean;
const isInt = (v: PyValue): v is Int => typeof v === 'bigint' || typeof v === 'boolean';
const big = (v: Int): bigint => (typeof v === 'boolean' ? (v ? 1n : 0n) : v);
const isNum = (v: PyValue): v is Int | number => isInt(v) || typeof v === 'number';
const num = (v: Int | number): number => (typeof v === 'number' ? v : Number(big(v)));

/** Python binary operators on ints (exact), floats, str, list, tuple and dict (`|`). */
export function binaryOp(op: string, a: PyValue, b: PyValue, limits: Limits): PyValue {
  if (isInt(a) && isInt(b)) return intOp(op, big(a), big(b), limits);
  if (isNum(a) && isNum(b)) return floatOp(op, num(a), num(b));
  switch (op) {
    case '+':
      if (typeof a === 'string' && typeof b === 'string') return limits.checkString(a + b);
      if (Array.isArray(a) && Array.isArray(b)) return limits.checkList(a.concat(b));
      if (a instanceof PyTuple && b instanceof PyTuple) return new PyTuple(limits.checkList([...a.items, ...b.items]));
      break;
    case '*': {
      const [seq, n] = isInt(b) ? [a, big(b)] : isInt(a) ? [b, big(a)] : [undefined, 0n];
      if (typeof seq === 'string') return limits.checkString(seq.repeat(repeatCount(n, seq.length, limits)));
      if (Array.isArray(seq)) return repeatList(seq, repeatCount(n, seq.length, limits));
      if (seq instanceof PyTuple) return new PyTuple(repeatList([...seq.items], repeatCount(n, seq.items.length, limits)));
      break;
    }
    case '|':
      if (a instanceof PyDict && b instanceof PyDict) {
        const out = new PyDict(a);
        for (const [k, v] of b) dictSet(out, k, v);
        return out;
      }
      break;
    case '%':
      if (typeof a === 'string') throw pyError('TypeError', "printf-style '%' formatting is not supported by shardwise; use an f-string");
  }
  throw pyError('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function repeatCount(n: bigint, unit: number, limits: Limits): number {
  if (n <= 0n || unit === 0) return 0;
  limits.checkSize(n * BigInt(unit));
  return Number(n);
}

function repeatList(items: PyValue[], n: number): PyValue[] {
  const out: PyValue[] = [];
  for (let i = 0; i < n; i++) out.push(...items);
  return out;
}

function intOp(op: string, a: bigint, b: bigint, limits: Limits): PyValue {
  switch (op) {
    case '+':
      return limits.checkInt(a + b);
    case '-':
      return limits.checkInt(a - b);
    case '*':
      return limits.checkInt(a * b);
    case '/':
      if (b === 0n) throw pyError('ZeroDivisionError', 'division by zero');
      return trueDivide(a, b);
    case '//':
      if (b === 0n) throw pyError('ZeroDivisionError', 'integer division or modulo by zero');
      return floorDiv(a, b);
    case '%':
      if (b === 0n) throw pyError('ZeroDivisionError', 'integer modulo by zero');
      return a - floorDiv(a, b) * b;
    case '**':
      if (b < 0n) {
        if (a === 0n) throw pyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
        return Number(a) ** Number(b);
      }
      limits.checkIntPower(a, b);
      return a ** b;
    case '<<':
      if (b < 0n) throw pyError('ValueError', 'negative shift count');
      limits.checkIntPower(2n, b);
      return a << b;
    case '>>':
      if (b < 0n) throw pyError('ValueError', 'negative shift count');
      return a >> b;
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
  }
  throw pyError('TypeError', `unsupported operand type(s) for ${op}: 'int' and 'int'`);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** int / int, correctly rounded even when the operands exceed double precision. */
function trueDivide(a: bigint, b: bigint): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isSafeInteger(x) && Number.isSafeInteger(y)) return x / y;
  // Scale so the quotient carries 64 significant bits, then let the double conversion round once more.
  const shift = 64n + BigInt(b.toString(2).length) - BigInt(a < 0n ? (-a).toString(2).length : a.toString(2).length);
  const scaled = shift > 0n ? (a << shift) / b : a / (b << -shift);
  return Number(scaled) / 2 ** Number(shift);
}

function floatOp(op: string, a: number, b: number): PyValue {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw pyError('ZeroDivisionError', 'float division by zero');
      return a / b;
    case '//':
      if (b === 0) throw pyError('ZeroDivisionError', 'float floor division by zero');
      return Math.floor(a / b) === a / b ? a / b : floatFloorDiv(a, b);
    case '%':
      if (b === 0) throw pyError('ZeroDivisionError', 'float modulo');
      return floatMod(a, b);
    case '**':
      if (a === 0 && b < 0) throw pyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
      if (a < 0 && !Number.isInteger(b)) throw pyError('ValueError', 'complex results are not supported');
      return a ** b;
  }
  throw pyError('TypeError', `unsupported operand type(s) for ${op}: 'float' and 'float'`);
}

/** CPython's float_divmod: mod takes the sign of the divisor; div = (a - mod) / b, floored. */
function floatMod(a: number, b: number): number {
  let mod = a % b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) mod += b;
  } else mod = b < 0 ? -0 : 0;
  return mod;
}

function floatFloorDiv(a: number, b: number): number {
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1;
  return div === 0 ? (a / b < 0 ? -0 : 0) : floordiv;
}

/** Unary `-`, `+`, `~`. */
export function unaryOp(op: string, v: PyValue): PyValue {
  if (isInt(v)) {
    const n = big(v);
    return op === '-' ? -n : op === '+' ? n : ~n;
  }
  if (typeof v === 'number' && op !== '~') return op === '-' ? -v : v;
  throw pyError('TypeError', `bad operand type for unary ${op}: '${typeName(v)}'`);
}
