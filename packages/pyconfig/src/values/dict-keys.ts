import { PyDict, PyTuple, type PyKey, type PyValue } from '@shardwise/core';
import { pyError } from '../interpreter/py-exception.js';
import { pyEquals } from './equality.js';
import { typeName } from './type-name.js';

/**
 * Dict keys with Python's hashing rules on top of a JS Map: `1`, `1.0` and `True` are one key (the first
 * key object is kept), tuples compare by value, unhashable keys raise TypeError.
 */
export function asKey(v: PyValue): PyKey {
  if (v === null || typeof v === 'string' || typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof PyTuple) {
    for (const item of v.items) asKey(item);
    return v;
  }
  if (Array.isArray(v) || v instanceof PyDict) throw pyError('TypeError', `unhashable type: '${typeName(v)}'`);
  // Lazy objects, functions and modules hash by identity, like Python objects.
  return v as unknown as PyKey;
}

/** The key object already present in `d` that equals `k`, or undefined. */
export function findKey(d: PyDict, k: PyKey): PyKey | undefined {
  if (d.has(k)) return k;
  if (typeof k === 'string' || k === null) return undefined;
  if (typeof k === 'bigint') return firstPresent(d, [Number(k), k === 0n ? false : k === 1n ? true : undefined]);
  if (typeof k === 'number') {
    if (!Number.isInteger(k)) return undefined;
    return firstPresent(d, [BigInt(k), k === 0 ? false : k === 1 ? true : undefined]);
  }
  if (typeof k === 'boolean') return firstPresent(d, [k ? 1n : 0n, k ? 1 : 0]);
  if (k instanceof PyTuple) {
    for (const existing of d.keys()) if (existing instanceof PyTuple && pyEquals(existing, k)) return existing;
  }
  return undefined;
}

function firstPresent(d: PyDict, candidates: (PyKey | undefined)[]): PyKey | undefined {
  for (const c of candidates) if (c !== undefined && d.has(c)) return c;
  return undefined;
}

export function dictGet(d: PyDict, k: PyValue): PyValue | undefined {
  // A string key equals only itself: no search for an equal key of another type.
  if (typeof k === 'string') return d.get(k);
  const key = findKey(d, asKey(k));
  return key === undefined ? undefined : d.get(key);
}

export function dictHas(d: PyDict, k: PyValue): boolean {
  return findKey(d, asKey(k)) !== undefined;
}

/** `d[k] = v`: an equal existing key keeps its position and its key object. */
export function dictSet(d: PyDict, k: PyValue, v: PyValue): void {
  if (typeof k === 'string') {
    d.set(k, v);
    return;
  }
  const key = asKey(k);
  d.set(findKey(d, key) ?? key, v);
}

/** Deletes `k`; false when absent (callers raise KeyError where Python does). */
export function dictDelete(d: PyDict, k: PyValue): boolean {
  const key = findKey(d, asKey(k));
  return key !== undefined && d.delete(key);
}
