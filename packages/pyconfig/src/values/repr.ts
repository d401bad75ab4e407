import { PyTuple, pyRepr as corePyRepr, type PyKey, type PyValue } from '@shardwise/core';
import { PyBuiltin, PyDictView, PyExceptionObject, PyFunction, PyModule, PyRange, PySet } from './runtime-objects.js';
import { typeName } from './type-name.js';

/** Python repr() with the interpreter's runtime objects (sets, ranges, functions, …); data values as core's pyRepr. */
export function pyRepr(v: PyValue | PyKey): string {
  return corePyRepr(v, runtimeRepr);
}

/** Python str(): strings as themselves; exceptions as their message (KeyError's one argument as its repr); else repr. */
export function pyStr(v: PyValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof PyExceptionObject) {
    if (v.args.length !== 1) return v.args.length ? pyRepr(new PyTuple(v.args)) : '';
    return v.type === 'KeyError' ? pyRepr(v.args[0]!) : pyStr(v.args[0]!);
  }
  return pyRepr(v);
}

/** The repr of an object only the interpreter creates. */
function runtimeRepr(v: object): string {
  if (v instanceof PySet) return v.items.size ? `{${[...v.items.keys()].map((k) => pyRepr(k)).join(', ')}}` : 'set()';
  if (v instanceof PyRange) return v.step === 1n ? `range(${v.start}, ${v.stop})` : `range(${v.start}, ${v.stop}, ${v.step})`;
  if (v instanceof PyDictView)
    return `${v.label}(${pyRepr(v.view === 'keys' ? [...v.dict.keys()] : v.view === 'values' ? [...v.dict.values()] : [...v.dict].map(([k, x]) => new PyTuple([k, x])))})`;
  if (v instanceof PyExceptionObject) return `${v.type}(${v.args.map((x) => pyRepr(x)).join(', ')})`;
  if (v instanceof PyFunction) return `<function ${v.name}>`;
  if (v instanceof PyBuiltin) return v.typeName ? `<class '${v.typeName}'>` : `<built-in function ${v.name}>`;
  if (v instanceof PyModule) return `<module '${v.name}'>`;
  return `<${typeName(v as PyValue)} object>`;
}
