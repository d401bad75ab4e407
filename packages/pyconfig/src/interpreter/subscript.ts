import { PyDict, PyLazy, PyTuple, type PyValue } from '@shardwise/core';
import { refuse } from '../config-refusal.js';
import type { SyntaxNode } from '../syntax-node.js';
import { dictGet } from '../values/dict-keys.js';
import { pySliceString, codePoints } from '../values/py-string.js';
import { PyEnviron, PyRange, PyTypingForm } from '../values/runtime-objects.js';
import { typeName } from '../values/type-name.js';
import { listIndex, sliceIndices, SliceValue } from './evaluator.js';
import { pyError } from './py-exception.js';
import type { Runtime } from './runtime.js';

/** `container[key]` with Python's errors: KeyError for dicts, IndexError for sequences. */
export function getItem(rt: Runtime, container: PyValue, key: PyValue, node: SyntaxNode): PyValue {
  if (container instanceof PyDict) {
    const v = dictGet(container, key);
    if (v === undefined) throw pyError('KeyError', key);
    return v;
  }
  if (Array.isArray(container)) {
    if (key instanceof SliceValue) return rt.limits.checkList(sliceIndices(key, container.length).indices.map((i) => container[i]!));
    return container[listIndex(key, container.length)]!;
  }
  if (container instanceof PyTuple && !(container instanceof SliceValue)) {
    const items = container.items;
    if (key instanceof SliceValue) return new PyTuple(sliceIndices(key, items.length).indices.map((i) => items[i]!));
    return items[indexOf(key, items.length, 'tuple')]!;
  }
  if (typeof container === 'string') {
    const cps = codePoints(container);
    const length = cps ? cps.length : container.length;
    if (key instanceof SliceValue) return pySliceString(container, sliceIndices(key, length).indices);
    const i = indexOf(key, length, 'string');
    return cps ? cps[i]! : container[i]!;
  }
  if (container instanceof PyRange) {
    const length = Number(container.length);
    if (key instanceof SliceValue) {
      const { start, stop, step } = sliceIndices(key, length);
      const s = BigInt(step);
      return new PyRange(container.at(BigInt(start)), container.at(BigInt(stop)), container.step * s);
    }
    return container.at(BigInt(indexOf(key, length, 'range object')));
  }
  if (container instanceof PyEnviron) {
    if (typeof key !== 'string') throw pyError('TypeError', 'str expected');
    const v = rt.environment.getEnv(key);
    if (v === undefined) throw pyError('KeyError', key);
    return v;
  }
  if (container instanceof PyLazy) throw refuse('SW_PY_LAZY_CALL', node, `indexing the lazily imported ${container.dotted}`);
  if (container instanceof PyTypingForm)
    throw refuse(
      'SW_PY_UNSUPPORTED',
      node,
      `${container.label}[...] outside an annotation is not evaluated`,
      'use typing names only in annotations',
    );
  throw pyError('TypeError', `'${typeName(container)}' object is not subscriptable`);
}

function indexOf(key: PyValue, length: number, what: string): number {
  try {
    return listIndex(key, length);
  } catch (e) {
    if (typeof key === 'bigint' || typeof key === 'boolean') throw pyError('IndexError', `${what} index out of range`);
    throw e;
  }
}
