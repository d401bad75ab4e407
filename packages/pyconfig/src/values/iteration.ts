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
