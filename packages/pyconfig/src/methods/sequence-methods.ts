import { PyTuple, type PyValue } from '@shardwise/core';
import { arg, intArg, maxArgs } from '../builtins/call-args.js';
import { sortValues } from '../builtins/sorting.js';
import { listIndex } from '../interpreter/evaluator.js';
import { pyError } from '../interpreter/py-exception.js';
import { pyEquals } from '../values/equality.js';
import { pyRepr } from '../values/repr.js';
import type { Method } from './str-methods.js';

function indexIn(items: readonly PyValue[], x: PyValue, what: string): bigint {
  const i = items.findIndex((y) => pyEquals(y, x));
  if (i < 0) throw pyError('ValueError', `${pyRepr(x)} is not in ${what}`);
  return BigInt(i);
}

const count = (items: readonly PyValue[], x: PyValue): bigint => BigInt(items.filter((y) => pyEquals(y, x)).length);

export const listMethods: Record<string, Method<PyValue[]>> = {
  append: (rt, self, call) => {
    maxArgs(call, 1, 'append');
    self.push(arg(call, 0, 'object'));
    rt.limits.checkList(self);
    return null;
  },
  extend: (rt, self, call, node) => {
    self.push(...rt.toList(arg(call, 0, 'iterable'), node));
    rt.limits.checkList(self);
    return null;
  },
  insert: (_rt, self, call) => {
    let i = intArg(call, 0, 'index')!;
    if (i < 0) i = Math.max(0, i + self.length);
    self.splice(Math.min(i, self.length), 0, arg(call, 1, 'object'));
    return null;
  },
  pop: (_rt, self, call) => {
    if (!self.length) throw pyError('IndexError', 'pop from empty list');
    const i = listIndex(arg(call, 0, 'index', -1n), self.length);
    return self.splice(i, 1)[0]!;
  },
  remove: (_rt, self, call) => {
    self.splice(Number(indexIn(self, arg(call, 0, 'value'), 'list')), 1);
    return null;
  },
  index: (_rt, self, call) => indexIn(self, arg(call, 0, 'value'), 'list'),
  count: (_rt, self, call) => count(self, arg(call, 0, 'value')),
  copy: (_rt, self) => self.slice(),
  clear: (_rt, self) => {
    self.length = 0;
    return null;
  },
  reverse: (_rt, self) => {
    self.reverse();
    return null;
  },
  sort: (rt, self, call, node) => {
    maxArgs(call, 0, 'sort', ['key', 'reverse']);
    const sorted = sortValues(rt, self, call.kwargs.get('key') ?? null, call.kwargs.get('reverse') ?? false, node);
    self.splice(0, self.length, ...sorted);
    return null;
  },
};

export const tupleMethods: Record<string, Method<PyTuple>> = {
  index: (_rt, self, call) => indexIn(self.items, arg(call, 0, 'value'), 'tuple'),
  count: (_rt, self, call) => count(self.items, arg(call, 0, 'value')),
};
