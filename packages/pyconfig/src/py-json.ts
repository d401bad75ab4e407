import { PyDict, PyLazy, PyOpaque, PyTuple, pyFloatRepr, type PyKey, type PyValue } from '@shardwise/core';
import { pyRepr } from './values/repr.js';

/**
 * JSON text of a to_dict value laid out exactly like Python's `json.dumps(v, indent=2, ensure_ascii=False)`:
 * floats keep their Python form (`80.0`, `1e-06`), ints are exact at any size, tuples become arrays,
 * dict keys become strings as json.dumps makes them (`0`, `true`, `null`). JSON.stringify cannot do
 * this: it prints 80.0 as 80. Non-finite floats, which JSON cannot hold, are written as the strings
 * "nan", "inf", "-inf"; opaque values as their `<kind label>` string.
 */
export function toPyJson(v: PyValue, indent = 2, level = 0): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'number':
      return Number.isFinite(v) ? pyFloatRepr(v) : JSON.stringify(pyFloatRepr(v));
    case 'string':
      return JSON.stringify(v);
  }
  if (v instanceof PyLazy) return JSON.stringify(v.dotted);
  if (v instanceof PyOpaque) return JSON.stringify(`<${v.kind} ${v.label}>`);
  const inner = '\n' + ' '.repeat(indent * (level + 1));
  const outer = '\n' + ' '.repeat(indent * level);
  if (Array.isArray(v) || v instanceof PyTuple) {
    const items = Array.isArray(v) ? v : v.items;
    if (!items.length) return '[]';
    return `[${inner}${items.map((x) => toPyJson(x, indent, level + 1)).join(`,${inner}`)}${outer}]`;
  }
  if (v instanceof PyDict) {
    if (!v.size) return '{}';
    const entries = [...v].map(([k, x]) => `${JSON.stringify(jsonKey(k))}: ${toPyJson(x, indent, level + 1)}`);
    return `{${inner}${entries.join(`,${inner}`)}${outer}}`;
  }
  return JSON.stringify(String(v));
}

function jsonKey(k: PyKey): string {
  if (typeof k === 'string') return k;
  if (k === null) return 'null';
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'number') return Number.isFinite(k) ? pyFloatRepr(k) : k > 0 ? 'Infinity' : k < 0 ? '-Infinity' : 'NaN';
  return typeof k === 'bigint' ? k.toString() : pyRepr(k);
}
