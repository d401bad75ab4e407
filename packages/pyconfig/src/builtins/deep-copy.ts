import { PyDict, PyTuple, type PyValue } from '@shardwise/core';
import { configDictHook } from '../values/config-dict.js';
import { ConfigDict, PySet } from '../values/runtime-objects.js';

/**
 * copy.deepcopy: containers are copied once each (the memo keeps shared sub-structures shared inside
 * the copy, and cycles finite); leaves — strings, numbers, lazy objects, functions — are shared.
 */
export function deepCopy(v: PyValue, memo = new Map<object, PyValue>()): PyValue {
  if (v === null || typeof v !== 'object') return v;
  const done = memo.get(v);
  if (done !== undefined) return done;
  if (Array.isArray(v)) {
    const out: PyValue[] = [];
    memo.set(v, out);
    for (const x of v) out.push(deepCopy(x, memo));
    return out;
  }
  if (v instanceof ConfigDict) {
    // `ConfigDict.__deepcopy__`: each copied value is stored through the hook (plain dicts become ConfigDicts).
    const out = new ConfigDict();
    memo.set(v, out);
    for (const [k, x] of v) out.set(k, configDictHook(deepCopy(x, memo)));
    return out;
  }
  if (v instanceof PyDict) {
    const out = new PyDict();
    memo.set(v, out);
    for (const [k, x] of v) out.set(k, deepCopy(x, memo));
    return out;
  }
  if (v instanceof PyTuple) {
    const out = new PyTuple(v.items.map((x) => deepCopy(x, memo)));
    memo.set(v, out);
    return out;
  }
  if (v instanceof PySet) return new PySet(new PyDict(v.items));
  return v;
}
