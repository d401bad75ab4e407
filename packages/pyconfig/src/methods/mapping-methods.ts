import { PyDict, PyTuple, type PyValue } from '@shardwise/core';
import { arg, maxArgs, maxPositional, strArg } from '../builtins/call-args.js';
import { pyError } from '../interpreter/py-exception.js';
import { dictDelete, dictGet, dictSet } from '../values/dict-keys.js';
import { ConfigDict, PyDictView, PyEnviron, PyExceptionObject, PyFile, PySet } from '../values/runtime-objects.js';
import type { Method } from './str-methods.js';

/** dict.update / dict(...) argument: a mapping or an iterable of pairs, then keywords. */
export function updateDict(
  rt: Parameters<Method<PyDict>>[0],
  target: PyDict,
  source: PyValue | undefined,
  kwargs: ReadonlyMap<string, PyValue>,
  node: Parameters<Method<PyDict>>[3],
): void {
  if (source instanceof PyDict) for (const [k, v] of source) dictSet(target, k, v);
  else if (source !== undefined) {
    for (const pair of rt.iterate(source, node)) {
      const kv = rt.toList(pair, node);
      if (kv.length !== 2) throw pyError('ValueError', `dictionary update sequence element has length ${kv.length}; 2 is required`);
      dictSet(target, kv[0]!, kv[1]!);
    }
  }
  // Keyword names are distinct strings: no key folding needed unless the target already has keys.
  if (target.size === 0) for (const [k, v] of kwargs) target.set(k, v);
  else for (const [k, v] of kwargs) dictSet(target, k, v);
}

const copyOf = (d: PyDict): PyDict => (d instanceof ConfigDict ? new ConfigDict(d) : new PyDict(d));

export const dictMethods: Record<string, Method<PyDict>> = {
  get: (_rt, self, call) => {
    maxArgs(call, 2, 'get');
    return dictGet(self, arg(call, 0, 'key')) ?? arg(call, 1, 'default', null);
  },
  items: (_rt, self) => new PyDictView(self, 'items'),
  keys: (_rt, self) => new PyDictView(self, 'keys'),
  values: (_rt, self) => new PyDictView(self, 'values'),
  update: (rt, self, call, node) => {
    maxPositional(call, 1, 'update');
    updateDict(rt, self, call.args[0], call.kwargs, node);
    return null;
  },
  pop: (_rt, self, call) => {
    const key = arg(call, 0, 'key');
    const v = dictGet(self, key);
    if (v === undefined) {
      if (call.args.length > 1) return call.args[1]!;
      throw pyError('KeyError', key);
    }
    dictDelete(self, key);
    return v;
  },
  popitem: (_rt, self) => {
    const last = [...self.keys()].pop();
    if (last === undefined) throw pyError('KeyError', 'popitem(): dictionary is empty');
    const v = self.get(last)!;
    self.delete(last);
    return new PyTuple([last, v]);
  },
  setdefault: (_rt, self, call) => {
    const key = arg(call, 0, 'key');
    const v = dictGet(self, key);
    if (v !== undefined) return v;
    const dflt = arg(call, 1, 'default', null);
    dictSet(self, key, dflt);
    return dflt;
  },
  copy: (_rt, self) => copyOf(self),
  clear: (_rt, self) => {
    self.clear();
    return null;
  },
};

export const setMethods: Record<string, Method<PySet>> = {
  add: (_rt, self, call) => {
    dictSet(self.items, arg(call, 0, 'elem'), null);
    return null;
  },
  update: (rt, self, call, node) => {
    for (const a of call.args) for (const x of rt.iterate(a, node)) dictSet(self.items, x, null);
    return null;
  },
  discard: (_rt, self, call) => {
    dictDelete(self.items, arg(call, 0, 'elem'));
    return null;
  },
  remove: (_rt, self, call) => {
    const x = arg(call, 0, 'elem');
    if (!dictDelete(self.items, x)) throw pyError('KeyError', x);
    return null;
  },
  union: (rt, self, call, node) => {
    const out = new PySet(new PyDict(self.items));
    for (const a of call.args) for (const x of rt.iterate(a, node)) dictSet(out.items, x, null);
    return out;
  },
  intersection: (rt, self, call, node) => {
    const other = new PySet();
    for (const x of rt.iterate(arg(call, 0, 'other'), node)) dictSet(other.items, x, null);
    return new PySet(new PyDict([...self.items].filter(([k]) => dictGet(other.items, k as PyValue) !== undefined)));
  },
  difference: (rt, self, call, node) => {
    const out = new PySet(new PyDict(self.items));
    for (const x of rt.iterate(arg(call, 0, 'other'), node)) dictDelete(out.items, x);
    return out;
  },
  copy: (_rt, self) => new PySet(new PyDict(self.items)),
};

export const fileMethods: Record<string, Method<PyFile>> = {
  read: (_rt, self) => {
    const text = self.consumed ? '' : self.content;
    self.consumed = true;
    return text;
  },
  readlines: (_rt, self) => {
    const text = self.consumed ? '' : self.content;
    self.consumed = true;
    return text.split(/(?<=\n)/).filter((l) => l !== '');
  },
  close: () => null,
};

export const environMethods: Record<string, Method<PyEnviron>> = {
  get: (rt, _self, call) => rt.environment.getEnv(strArg(call, 0, 'key')) ?? arg(call, 1, 'default', null),
};

export const exceptionAttributes = (e: PyExceptionObject, name: string): PyValue | undefined =>
  name === 'args' ? new PyTuple(e.args) : undefined;
