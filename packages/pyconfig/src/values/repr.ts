import { PyDict, PyLazy, PyTuple, pyFloatRepr, pyStrRepr, type PyKey, type PyValue } from '@shardwise/core';
import { PyBuiltin, PyDictView, PyExceptionObject, PyFunction, PyModule, PyRange, PySet } from './runtime-objects.js';
import { typeName } from './type-name.js';

/** Python repr(). Containers that contain themselves print `[...]` like CPython. */
export function pyRepr(v: PyValue | PyKey, seen: Set<object> = new Set()): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  switch (typeof v) {
    case 'bigint':
      return v.toString();
    case 'number':
      return pyFloatRepr(v);
    case 'string':
      return pyStrRepr(v);
  }
  if (v instanceof PyLazy) return pyStr(v);
  if (seen.has(v)) return Array.isArray(v) ? '[...]' : '{...}';
  seen.add(v);
  try {
    if (Array.isArray(v)) return `[${v.map((x) => pyRepr(x, seen)).join(', ')}]`;
    if (v instanceof PyTuple) return v.items.length === 1 ? `(${pyRepr(v.items[0]!, seen)},)` : `(${v.items.map((x) => pyRepr(x, seen)).join(', ')})`;
    if (v instanceof PyDict) return `{${[...v].map(([k, x]) => `${pyRepr(k, seen)}: ${pyRepr(x, seen)}`).join(', ')}}`;
    if (v instanceof PySet) return v.items.size ? `{${[...v.items.keys()].map((k) => pyRepr(k, seen)).join(', ')}}` : 'set()';
    if (v instanceof PyRange) return v.step === 1n ? `range(${v.start}, ${v.stop})` : `range(${v.start}, ${v.stop}, ${v.step})`;
    if (v instanceof PyDictView) return `${v.label}(${pyRepr(v.view === 'keys' ? [...v.dict.keys()] : v.view === 'values' ? [...v.dict.values()] : [...v.dict].map(([k, x]) => new PyTuple([k, x])), seen)})`;
    if (v instanceof PyExceptionObject) return `${v.type}(${v.args.map((x) => pyRepr(x, seen)).join(', ')})`;
    if (v instanceof PyFunction) return `<function ${v.name}>`;
    if (v instanceof PyBuiltin) return v.typeName ? `<class '${v.typeName}'>` : `<built-in function ${v.name}>`;
    if (v instanceof PyModule) return `<module '${v.name}'>`;
    return `<${typeName(v)} object>`;
  } finally {
    seen.delete(v);
  }
}

/** Python str(): strings as themselves; lazy objects as their imported name; exceptions as their message. */
export function pyStr(v: PyValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof PyLazy) return v.name ? v.name.split('.').pop()! : v.module;
  if (v instanceof PyExceptionObject) return v.args.length === 1 ? pyStr(v.args[0]!) : v.args.length ? pyRepr(new PyTuple(v.args)) : '';
  return pyRepr(v);
}
