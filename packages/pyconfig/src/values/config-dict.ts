import { PyDict, PyLazy, PyTuple, type PyValue } from '@shardwise/core';
import { refuse } from '../config-refusal.js';
import { pyError } from '../interpreter/py-exception.js';
import type { SyntaxNode } from '../syntax-node.js';
import { dictGet, dictHas, dictSet } from './dict-keys.js';
import { ConfigDict } from './runtime-objects.js';
import { typeName } from './type-name.js';

/**
 * mmengine's ConfigDict (mmengine/config/config.py, a subclass of addict's Dict), the type of every dict
 * imported through read_base and of every dict stored into one. Plain dicts stay plain: dicts built in
 * the file, comprehension results, `dict(cd)`, `{**cd}`, `to_dict()`. The rules below follow both
 * sources line by line (docs/python-configs.md §1.8).
 */

/**
 * `ConfigDict._hook`, applied to every value stored into a ConfigDict (`__setitem__`, `__setattr__`,
 * `update`, `copy`, `__deepcopy__`): an exact plain dict becomes a new ConfigDict (hooking its values),
 * a list or tuple is rebuilt with hooked items; a ConfigDict and everything else is stored as is.
 * So storing a list or a dict never aliases it, while a ConfigDict stays shared.
 */
export function configDictHook(v: PyValue, open: object[] = []): PyValue {
  const container = Array.isArray(v) || v instanceof PyTuple || (v instanceof PyDict && !(v instanceof ConfigDict));
  if (!container) return v;
  // A container holding itself: Python recurses until RecursionError.
  if (open.includes(v)) throw pyError('RecursionError', 'maximum recursion depth exceeded');
  open.push(v);
  try {
    if (Array.isArray(v)) return v.map((x) => configDictHook(x, open));
    if (v instanceof PyTuple) return new PyTuple(v.items.map((x) => configDictHook(x, open)));
    const out = new ConfigDict();
    for (const [k, x] of v) out.set(k, configDictHook(x, open));
    return out;
  } finally {
    open.pop();
  }
}

/** `cd[key] = value` (and `cd.key = value` once the name is known not to be a class attribute). */
export function configDictSet(cd: ConfigDict, key: PyValue, value: PyValue): void {
  dictSet(cd, key, configDictHook(value));
}

/** `cd.copy()` / `copy.copy(cd)` (`ConfigDict.__copy__`): a new ConfigDict whose values are stored through the hook. */
export function configDictCopy(cd: ConfigDict): ConfigDict {
  const out = new ConfigDict();
  for (const [k, v] of cd) out.set(k, configDictHook(v));
  return out;
}

/**
 * `ConfigDict.update(*args, **kwargs)`: one positional dict (read with `dict.items`), then keywords;
 * a key whose old and new values are both dicts is updated recursively, any other key is replaced.
 */
export function configDictUpdate(cd: ConfigDict, args: readonly PyValue[], kwargs: ReadonlyMap<string, PyValue>): void {
  if (args.length > 1) throw pyError('TypeError', 'update only accept one positional argument');
  const other = new PyDict();
  if (args.length) {
    const source = args[0]!;
    if (!(source instanceof PyDict))
      throw pyError('TypeError', `descriptor 'items' for 'dict' objects doesn't apply to a '${typeName(source)}' object`);
    for (const [k, v] of source) dictSet(other, k, v);
  }
  for (const [k, v] of kwargs) dictSet(other, k, v);
  mergeInto(cd, other);
}

function mergeInto(target: PyDict, other: PyDict): void {
  for (const [k, v] of other) {
    const old = dictHas(target, k) ? dictGet(target, k) : undefined;
    if (old instanceof PyDict && v instanceof PyDict) {
      // `self[k].update(v)`: a ConfigDict merges recursively, a plain dict (never stored by the hook) plainly.
      if (old instanceof ConfigDict) mergeInto(old, v);
      else for (const [k2, v2] of v) dictSet(old, k2, v2);
    } else if (target instanceof ConfigDict) configDictSet(target, k, v);
    else dictSet(target, k, v);
  }
}

/**
 * `a + b` / `a | b` with a ConfigDict operand, or undefined to let the plain operator decide. addict's
 * `__add__` gives the right operand when the ConfigDict is empty; its `__or__`/`__ror__` build an addict
 * Dict (not a ConfigDict), which is refused rather than modelled.
 */
export function configDictOperator(op: string, a: PyValue, b: PyValue, node: SyntaxNode): PyValue | undefined {
  if (op === '|') {
    throw refuse(
      'SW_PY_UNSUPPORTED',
      node,
      '`|` with a ConfigDict operand gives an addict Dict, which shardwise does not model',
      'merge with {**a, **b}, or a.copy() then .update(b)',
    );
  }
  if (op === '+' && a instanceof ConfigDict) {
    if (a.size === 0) return b;
    throw pyError('TypeError', `unsupported operand type(s) for +: 'ConfigDict' and '${typeName(b)}'`);
  }
  return undefined;
}

/**
 * `cd.to_dict()` (mmengine's `_lazy2string(cd, dict_type=dict)`): a new tree of plain dicts, lists and
 * tuples; lazy references become their dotted strings; everything else is shared.
 */
export function configDictToDict(v: PyValue): PyValue {
  if (v instanceof PyDict) {
    const out = new PyDict();
    for (const [k, x] of v) out.set(k, configDictToDict(x));
    return out;
  }
  if (Array.isArray(v)) return v.map(configDictToDict);
  if (v instanceof PyTuple) return new PyTuple(v.items.map(configDictToDict));
  if (v instanceof PyLazy) return v.dotted;
  return v;
}

/**
 * Every class attribute of ConfigDict (dict's methods, addict's Dict, mmengine's additions): an
 * attribute read finds these before any key, and `cd.name = v` on one of them is addict's
 * "'Dict' object attribute 'name' is read-only" AttributeError.
 */
export const CONFIG_DICT_CLASS_ATTRIBUTES: ReadonlySet<string> = new Set([
  // dict
  'clear',
  'copy',
  'fromkeys',
  'get',
  'items',
  'keys',
  'pop',
  'popitem',
  'setdefault',
  'update',
  'values',
  // addict.Dict
  'to_dict',
  'deepcopy',
  'freeze',
  'unfreeze',
  '_hook',
  // mmengine ConfigDict
  'lazy',
  'build_lazy',
  'merge',
  '_to_lazy_dict',
]);
