import { PyDict, PyTuple, type PyValue } from '@shardwise/core';
import { refuse } from '../config-refusal.js';
import { formatValue } from '../format-spec.js';
import { EXCEPTION_PARENTS, pyError } from '../interpreter/py-exception.js';
import type { Runtime } from '../interpreter/runtime.js';
import { updateDict } from '../methods/mapping-methods.js';
import type { SyntaxNode } from '../syntax-node.js';
import { binaryOp } from '../values/arithmetic.js';
import { dictSet } from '../values/dict-keys.js';
import { pyCompare } from '../values/equality.js';
import { pyLen } from '../values/py-string.js';
import { pyRepr, pyStr } from '../values/repr.js';
import {
  NO_KWARGS,
  PyBuiltin,
  PyDictView,
  PyExceptionObject,
  PyIterator,
  PyRange,
  PySet,
  type CallArgs,
} from '../values/runtime-objects.js';
import { truthy } from '../values/truthiness.js';
import { typeName } from '../values/type-name.js';
import { arg, intArg, maxArgs, maxPositional } from './call-args.js';
import { roundNumber, toFloat, toInt } from './number-conversions.js';
import { sortValues } from './sorting.js';

type Impl = (rt: Runtime, call: CallArgs, node: SyntaxNode) => PyValue;

function length(v: PyValue): bigint {
  if (typeof v === 'string') return BigInt(pyLen(v));
  if (Array.isArray(v)) return BigInt(v.length);
  if (v instanceof PyTuple) return BigInt(v.items.length);
  if (v instanceof PyDict) return BigInt(v.size);
  if (v instanceof PySet) return BigInt(v.items.size);
  if (v instanceof PyDictView) return BigInt(v.dict.size);
  if (v instanceof PyRange) return v.length;
  throw pyError('TypeError', `object of type '${typeName(v)}' has no len()`);
}

function extreme(rt: Runtime, call: CallArgs, node: SyntaxNode, fname: 'min' | 'max'): PyValue {
  maxArgs(call, Infinity, fname, ['key', 'default']);
  const items = call.args.length === 1 ? rt.toList(call.args[0]!, node) : call.args;
  if (!items.length) {
    const dflt = call.kwargs.get('default');
    if (dflt !== undefined) return dflt;
    throw pyError('ValueError', `${fname}() arg is an empty sequence`);
  }
  const key = call.kwargs.get('key') ?? null;
  const keyOf = (v: PyValue) => (key === null ? v : rt.call(key, [v], NO_KWARGS, node));
  let best: PyValue = items[0]!;
  let bestKey = keyOf(best);
  for (const v of items.slice(1)) {
    const k = keyOf(v);
    const c = pyCompare(k, bestKey, fname === 'min' ? '<' : '>');
    if (fname === 'min' ? c < 0 : c > 0) {
      best = v;
      bestKey = k;
    }
  }
  return best;
}

function* zipItems(rt: Runtime, iterables: PyValue[], node: SyntaxNode): Generator<PyValue> {
  const its = iterables.map((x) => rt.iterate(x, node)[Symbol.iterator]());
  if (!its.length) return;
  for (;;) {
    const row: PyValue[] = [];
    for (const it of its) {
      const r = it.next();
      if (r.done) return;
      row.push(r.value);
    }
    yield new PyTuple(row);
  }
}

function isInstance(v: PyValue, cls: PyValue): boolean {
  if (cls instanceof PyTuple) return cls.items.some((c) => isInstance(v, c));
  if (!(cls instanceof PyBuiltin) || !cls.typeName) throw pyError('TypeError', 'isinstance() arg 2 must be a type or tuple of types');
  const t = typeName(v);
  if (cls.typeName === 'object') return true;
  if (cls.typeName === 'int' && t === 'bool') return true;
  // ConfigDict subclasses dict (through addict's Dict).
  if (cls.typeName === 'dict' && v instanceof PyDict) return true;
  for (let x: string | undefined = t; x; x = EXCEPTION_PARENTS[x]) if (x === cls.typeName) return true;
  return false;
}

function rangeOf(call: CallArgs): PyRange {
  const ints = call.args.map((a) => {
    if (typeof a === 'boolean') return a ? 1n : 0n;
    if (typeof a !== 'bigint') throw pyError('TypeError', `'${typeName(a)}' object cannot be interpreted as an integer`);
    return a;
  });
  if (!ints.length || ints.length > 3) throw pyError('TypeError', `range expected 1 to 3 arguments, got ${ints.length}`);
  const [start, stop, step] = ints.length === 1 ? [0n, ints[0]!, 1n] : [ints[0]!, ints[1]!, ints[2] ?? 1n];
  if (step === 0n) throw pyError('ValueError', 'range() arg 3 must not be zero');
  return new PyRange(start, stop, step);
}

function sumOf(rt: Runtime, call: CallArgs, node: SyntaxNode): PyValue {
  maxArgs(call, 2, 'sum', ['start']);
  let total = arg(call, 1, 'start', 0n);
  if (typeof total === 'string') throw pyError('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
  // A list start accumulates into a fresh list (Python's `+` builds a new list each step; same result).
  if (Array.isArray(total)) total = total.slice();
  for (const item of rt.iterate(arg(call, 0, 'iterable'), node)) {
    if (Array.isArray(total) && Array.isArray(item)) {
      for (const x of item) total.push(x);
      rt.limits.checkList(total);
    } else total = binaryOp('+', total, item, rt.limits);
  }
  return total;
}

const exceptionType =
  (name: string): Impl =>
  (_rt, call) =>
    new PyExceptionObject(name, call.args);

const codeExecution =
  (name: string): Impl =>
  (_rt, _call, node) => {
    throw refuse('SW_PY_CODE_EXEC', node, `${name}() would run arbitrary code; shardwise never executes a config`);
  };

/** eval() only of a bare identifier naming a global (the MedBench pattern, docs/python-configs.md §3). */
const evalBuiltin =
  (lookup: (name: string, node: SyntaxNode) => PyValue): Impl =>
  (_rt, call, node) => {
    const src = call.args[0];
    if (call.args.length !== 1 || typeof src !== 'string' || !/^\s*[A-Za-z_]\w*\s*$/.test(src)) {
      throw refuse(
        'SW_PY_CODE_EXEC',
        node,
        'eval() is evaluated only for a string that is a bare identifier',
        "use the name directly, or a dict lookup: {'A': A, 'B': B}[name]",
      );
    }
    return lookup(src.trim(), node);
  };

const TYPES: Record<string, Impl> = {
  int: (_rt, call) => (call.args.length ? toInt(call.args[0]!, call.args[1] ?? call.kwargs.get('base')) : 0n),
  float: (_rt, call) => (call.args.length ? toFloat(call.args[0]!) : 0),
  str: (_rt, call) => (call.args.length ? pyStr(call.args[0]!) : ''),
  bool: (_rt, call) => (call.args.length ? truthy(call.args[0]!) : false),
  list: (rt, call, node) => (call.args.length ? rt.toList(call.args[0]!, node) : []),
  tuple: (rt, call, node) => new PyTuple(call.args.length ? rt.toList(call.args[0]!, node) : []),
  dict: (rt, call, node) => {
    maxPositional(call, 1, 'dict');
    const d = new PyDict();
    updateDict(rt, d, call.args[0], call.kwargs, node);
    return d;
  },
  set: (rt, call, node) => {
    const s = new PySet();
    if (call.args.length) for (const x of rt.iterate(call.args[0]!, node)) dictSet(s.items, x, null);
    return s;
  },
  range: (_rt, call) => rangeOf(call),
  object: () => {
    throw pyError('TypeError', 'object() instances are not supported');
  },
};

const FUNCTIONS: Record<string, Impl> = {
  len: (_rt, call) => length(arg(call, 0, 'obj')),
  abs: (rt, call) => {
    const v = arg(call, 0, 'x');
    return pyCompare(v, 0n, '<') < 0 ? binaryOp('-', 0n, v, rt.limits) : typeof v === 'boolean' ? BigInt(v) : v;
  },
  round: (_rt, call) => roundNumber(arg(call, 0, 'number'), arg(call, 1, 'ndigits', null)),
  min: (rt, call, node) => extreme(rt, call, node, 'min'),
  max: (rt, call, node) => extreme(rt, call, node, 'max'),
  sum: sumOf,
  any: (rt, call, node) => {
    for (const x of rt.iterate(arg(call, 0, 'iterable'), node)) if (truthy(x)) return true;
    return false;
  },
  all: (rt, call, node) => {
    for (const x of rt.iterate(arg(call, 0, 'iterable'), node)) if (!truthy(x)) return false;
    return true;
  },
  sorted: (rt, call, node) => {
    maxArgs(call, 1, 'sorted', ['key', 'reverse']);
    return sortValues(
      rt,
      rt.toList(arg(call, 0, 'iterable'), node),
      call.kwargs.get('key') ?? null,
      call.kwargs.get('reverse') ?? false,
      node,
    );
  },
  reversed: (rt, call, node) =>
    new PyIterator(
      rt
        .toList(arg(call, 0, 'sequence'), node)
        .reverse()
        .values(),
      'list_reverseiterator',
    ),
  enumerate: (rt, call, node) => {
    const start = intArg(call, 1, 'start', 0n)!;
    const source = rt.iterate(arg(call, 0, 'iterable'), node);
    return new PyIterator(
      (function* () {
        let i = BigInt(start);
        for (const x of source) yield new PyTuple([i++, x]);
      })(),
      'enumerate',
    );
  },
  zip: (rt, call, node) => new PyIterator(zipItems(rt, call.args, node), 'zip'),
  map: (rt, call, node) => {
    const fn = arg(call, 0, 'function');
    return new PyIterator(
      (function* () {
        for (const row of zipItems(rt, call.args.slice(1), node)) yield rt.call(fn, [...(row as PyTuple).items], NO_KWARGS, node);
      })(),
      'map',
    );
  },
  filter: (rt, call, node) => {
    const fn = arg(call, 0, 'function');
    const source = rt.iterate(arg(call, 1, 'iterable'), node);
    return new PyIterator(
      (function* () {
        for (const x of source) if (truthy(fn === null ? x : rt.call(fn, [x], NO_KWARGS, node))) yield x;
      })(),
      'filter',
    );
  },
  iter: (rt, call, node) => new PyIterator(rt.iterate(arg(call, 0, 'object'), node)[Symbol.iterator](), 'iterator'),
  next: (_rt, call) => {
    const it = arg(call, 0, 'iterator');
    if (!(it instanceof PyIterator)) throw pyError('TypeError', `'${typeName(it)}' object is not an iterator`);
    const r = it.source.next();
    if (!r.done) return r.value;
    if (call.args.length > 1) return call.args[1]!;
    throw pyError('StopIteration');
  },
  isinstance: (_rt, call) => isInstance(arg(call, 0, 'obj'), arg(call, 1, 'class_or_tuple')),
  chr: (_rt, call) => {
    const n = intArg(call, 0, 'i')!;
    if (n < 0 || n > 0x10ffff) throw pyError('ValueError', 'chr() arg not in range(0x110000)');
    return String.fromCodePoint(n);
  },
  ord: (_rt, call) => {
    const s = arg(call, 0, 'c');
    if (typeof s !== 'string' || pyLen(s) !== 1) throw pyError('TypeError', 'ord() expected a character');
    return BigInt(s.codePointAt(0)!);
  },
  repr: (_rt, call) => pyRepr(arg(call, 0, 'obj')),
  format: (_rt, call) => formatValue(arg(call, 0, 'value'), call.args.length > 1 ? String(call.args[1]) : ''),
  divmod: (rt, call) =>
    new PyTuple([
      binaryOp('//', arg(call, 0, 'x'), arg(call, 1, 'y'), rt.limits),
      binaryOp('%', arg(call, 0, 'x'), arg(call, 1, 'y'), rt.limits),
    ]),
  pow: (rt, call) => binaryOp('**', arg(call, 0, 'base'), arg(call, 1, 'exp'), rt.limits),
  callable: (_rt, call) => {
    const v = arg(call, 0, 'obj');
    return v instanceof PyBuiltin || typeName(v) === 'function';
  },
  print: () => null,
  exec: codeExecution('exec'),
  compile: codeExecution('compile'),
  __import__: codeExecution('__import__'),
  getattr: codeExecution('getattr'),
  setattr: codeExecution('setattr'),
  vars: codeExecution('vars'),
  input: codeExecution('input'),
  breakpoint: codeExecution('breakpoint'),
};

const EXCEPTIONS = ['BaseException', ...Object.keys(EXCEPTION_PARENTS)];

/** The builtins a config may use. `lookup` serves eval('<identifier>'); `open`/`globals`/`locals` come from the session. */
export function builtinFunctions(
  rt: Runtime,
  lookup: (name: string, node: SyntaxNode) => PyValue,
  extra: Record<string, Impl>,
): Map<string, PyValue> {
  const table = new Map<string, PyValue>();
  const add = (name: string, impl: Impl, typeName?: string) =>
    table.set(name, new PyBuiltin(name, (call, node) => impl(rt, call, node), typeName));
  for (const [name, impl] of Object.entries(TYPES)) add(name, impl, name);
  for (const [name, impl] of Object.entries(FUNCTIONS)) add(name, impl);
  for (const name of EXCEPTIONS) add(name, exceptionType(name), name);
  for (const [name, impl] of Object.entries(extra)) add(name, impl);
  add('eval', evalBuiltin(lookup));
  return table;
}
