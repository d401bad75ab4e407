import { PyDict, PyTuple, type PyValue } from '@shardwise/core';
import { pyError } from '../interpreter/py-exception.js';
import type { Limits } from '../limits.js';
import type { SyntaxNode } from '../syntax-node.js';
import { PyDictView, PyEnviron, PyFile, PyIterator, PyRange, PySet } from './runtime-objects.js';
import { typeName } from './type-name.js';

/**
 * Python iteration. Lists are iterated live (appends during the loop are seen, as in Python); dicts
 * and their views raise RuntimeError when their size changes mid-iteration (`for k, v in locals().items()`).
 */
export function* iterate(v: PyValue, limits: Limits, node: SyntaxNode): Generator<PyValue, void, undefined> {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) yield v[i]!;
    return;
  }
  if (typeof v === 'string') {
    yield* v;
    return;
  }
  if (v instanceof PyTuple) {
    yield* v.items;
    return;
  }
  if (v instanceof PyDict) {
    yield* dictEntries(v, (k) => k);
    return;
  }
  if (v instanceof PyDictView) {
    const { dict, view } = v;
    yield* dictEntries(dict, view === 'keys' ? (k) => k : view === 'values' ? (_k, x) => x : (k, x) => new PyTuple([k, x]));
    return;
  }
  if (v instanceof PyRange) {
    for (let i = v.start; v.step > 0n ? i < v.stop : i > v.stop; i += v.step) {
      limits.tick(node);
      yield i;
    }
    return;
  }
  if (v instanceof PySet) {
    yield* [...v.items.keys()];
    return;
  }
  if (v instanceof PyIterator) {
    for (let r = v.source.next(); !r.done; r = v.source.next()) {
      limits.tick(node);
      yield r.value;
    }
    return;
  }
  if (v instanceof PyFile) {
    yield* v.content.split(/(?<=\n)/).filter((l) => l !== '');
    return;
  }
  if (v instanceof PyEnviron) throw pyError('TypeError', 'iterating os.environ is not supported: it would expose the whole environment');
  throw pyError('TypeError', `'${typeName(v)}' object is not iterable`);
}

/** Bigints 0..SMALL_LIMIT-1, made once: a `range` loop hands out shared ones instead of allocating one per item. */
const SMALL_LIMIT = 1 << 16;
const smallInts: bigint[] = [];
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Calls `each` with every item of `v` (the items `iterate` yields, with the same bounds and errors)
 * until it returns true. Lists, tuples and ranges are walked without a generator object: this is the
 * evaluator's hot loop (for statements and comprehensions).
 */
export function forEachItem(v: PyValue, limits: Limits, node: SyntaxNode, each: (item: PyValue) => boolean | void): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (each(v[i]!)) return;
    return;
  }
  if (v instanceof PyTuple) {
    for (const x of v.items) if (each(x)) return;
    return;
  }
  if (
    v instanceof PyRange &&
    v.start >= -SAFE &&
    v.start <= SAFE &&
    v.stop >= -SAFE &&
    v.stop <= SAFE &&
    v.step >= -SAFE &&
    v.step <= SAFE
  ) {
    const stop = Number(v.stop);
    const step = Number(v.step);
    for (let i = Number(v.start); step > 0 ? i < stop : i > stop; i += step) {
      limits.tick(node);
      if (each(i >= 0 && i < SMALL_LIMIT ? (smallInts[i] ??= BigInt(i)) : BigInt(i))) return;
    }
    return;
  }
  for (const x of iterate(v, limits, node)) if (each(x)) return;
}

function* dictEntries(d: PyDict, pick: (k: PyValue, v: PyValue) => PyValue): Generator<PyValue> {
  const size = d.size;
  for (const [k, x] of d) {
    if (d.size !== size) throw pyError('RuntimeError', 'dictionary changed size during iteration');
    yield pick(k, x);
  }
  if (d.size !== size) throw pyError('RuntimeError', 'dictionary changed size during iteration');
}

/** Materializes an iterable into a new array, bounded. */
export function toList(v: PyValue, limits: Limits, node: SyntaxNode): PyValue[] {
  if (Array.isArray(v)) return v.slice();
  if (v instanceof PyTuple) return [...v.items];
  if (v instanceof PyRange) limits.checkSize(v.length);
  const out: PyValue[] = [];
  for (const x of iterate(v, limits, node)) {
    out.push(x);
    if (out.length > limits.bounds.maxListLength) limits.checkList(out);
  }
  return out;
}
