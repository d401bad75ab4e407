import { PyDict, PyTuple, type PyValue } from '@shardwise/core';
import { posix } from 'node:path';
import { pyError } from '../interpreter/py-exception.js';
import type { Runtime } from '../interpreter/runtime.js';
import type { SyntaxNode } from '../syntax-node.js';
import { configDictCopy } from '../values/config-dict.js';
import {
  ConfigDict,
  NO_KWARGS,
  PyBuiltin,
  PyEnviron,
  PyIterator,
  PyModule,
  PySet,
  PyTypingForm,
  type CallArgs,
} from '../values/runtime-objects.js';
import { typeName } from '../values/type-name.js';
import { arg, strArg } from './call-args.js';
import { deepCopy } from './deep-copy.js';
import { toFloat } from './number-conversions.js';

type Impl = (rt: Runtime, call: CallArgs, node: SyntaxNode) => PyValue;

const strings = (call: CallArgs): string[] =>
  call.args.map((a) => {
    if (typeof a !== 'string') throw pyError('TypeError', `expected str, not ${typeName(a)}`);
    return a;
  });

/** Python's posixpath functions: pure string operations (abspath resolves against the launch CWD). */
const OS_PATH: Record<string, Impl> = {
  join: (_rt, call) => {
    const [first = '', ...rest] = strings(call);
    let out = first;
    for (const p of rest) out = p.startsWith('/') ? p : out === '' || out.endsWith('/') ? out + p : `${out}/${p}`;
    return out;
  },
  dirname: (_rt, call) => {
    const p = strArg(call, 0, 'p');
    const head = p.slice(0, p.lastIndexOf('/') + 1);
    return head && head !== '/'.repeat(head.length) ? head.replace(/\/+$/, '') : head;
  },
  basename: (_rt, call) => {
    const p = strArg(call, 0, 'p');
    return p.slice(p.lastIndexOf('/') + 1);
  },
  split: (_rt, call) => {
    const p = strArg(call, 0, 'p');
    const i = p.lastIndexOf('/') + 1;
    const head = p.slice(0, i);
    return new PyTuple([head && head !== '/'.repeat(head.length) ? head.replace(/\/+$/, '') : head, p.slice(i)]);
  },
  splitext: (_rt, call) => {
    const p = strArg(call, 0, 'p');
    const base = p.slice(p.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    if (dot <= 0 || /^\.+$/.test(base.slice(0, dot + 1))) return new PyTuple([p, '']);
    const cut = p.length - base.length + dot;
    return new PyTuple([p.slice(0, cut), p.slice(cut)]);
  },
  isabs: (_rt, call) => strArg(call, 0, 's').startsWith('/'),
  normpath: (_rt, call) => {
    const p = strArg(call, 0, 'path');
    if (p === '') return '.';
    const lead = p.startsWith('//') && !p.startsWith('///') ? '//' : p.startsWith('/') ? '/' : '';
    const parts: string[] = [];
    for (const c of p.split('/')) {
      if (c === '' || c === '.') continue;
      if (c !== '..' || (!lead && !parts.length) || parts[parts.length - 1] === '..') parts.push(c);
      else if (parts.length) parts.pop();
    }
    return lead + parts.join('/') || '.';
  },
  abspath: (rt, call) => posix.normalize(rt.environment.absolute(strArg(call, 0, 'path'))).replace(/(.)\/$/, '$1'),
};

const MATH: Record<string, Impl> = {
  exp: (_rt, call) => Math.exp(toFloat(arg(call, 0, 'x'))),
  sqrt: (_rt, call) => {
    const x = toFloat(arg(call, 0, 'x'));
    if (x < 0) throw pyError('ValueError', 'math domain error');
    return Math.sqrt(x);
  },
  log: (_rt, call) => {
    const x = toFloat(arg(call, 0, 'x'));
    if (x <= 0) throw pyError('ValueError', 'math domain error');
    return call.args.length > 1 ? Math.log(x) / Math.log(toFloat(call.args[1]!)) : Math.log(x);
  },
  log2: (_rt, call) => Math.log2(toFloat(arg(call, 0, 'x'))),
  log10: (_rt, call) => Math.log10(toFloat(arg(call, 0, 'x'))),
  pow: (_rt, call) => toFloat(arg(call, 0, 'x')) ** toFloat(arg(call, 1, 'y')),
  fabs: (_rt, call) => Math.abs(toFloat(arg(call, 0, 'x'))),
  isnan: (_rt, call) => Number.isNaN(toFloat(arg(call, 0, 'x'))),
  isinf: (_rt, call) => Math.abs(toFloat(arg(call, 0, 'x'))) === Infinity,
  ceil: (_rt, call) => integral(arg(call, 0, 'x'), Math.ceil),
  floor: (_rt, call) => integral(arg(call, 0, 'x'), Math.floor),
  trunc: (_rt, call) => integral(arg(call, 0, 'x'), Math.trunc),
};

function integral(x: PyValue, f: (n: number) => number): bigint {
  if (typeof x === 'bigint') return x;
  const v = toFloat(x);
  if (!Number.isFinite(v)) throw pyError(Number.isNaN(v) ? 'ValueError' : 'OverflowError', 'cannot convert float to integer');
  return BigInt(f(v));
}

function* product(pools: PyValue[][], repeat: number): Generator<PyValue> {
  const all = Array.from({ length: repeat }, () => pools).flat();
  if (all.some((p) => !p.length)) return;
  const idx = all.map(() => 0);
  for (;;) {
    yield new PyTuple(idx.map((i, k) => all[k]![i]!));
    let k = all.length - 1;
    while (k >= 0 && ++idx[k]! === all[k]!.length) idx[k--] = 0;
    if (k < 0) return;
  }
}

const ITERTOOLS: Record<string, Impl> = {
  product: (rt, call, node) => {
    const repeat = Number(call.kwargs.get('repeat') ?? 1n);
    return new PyIterator(
      product(
        call.args.map((a) => rt.toList(a, node)),
        repeat,
      ),
      'product',
    );
  },
  chain: (rt, call, node) =>
    new PyIterator(
      (function* () {
        for (const a of call.args) yield* rt.iterate(a, node);
      })(),
      'chain',
    ),
};

const FUNCTOOLS: Record<string, Impl> = {
  reduce: (rt, call, node) => {
    const fn = arg(call, 0, 'function');
    const items = rt.iterate(arg(call, 1, 'iterable'), node)[Symbol.iterator]();
    let acc: PyValue;
    if (call.args.length > 2) acc = call.args[2]!;
    else {
      const first = items.next();
      if (first.done) throw pyError('TypeError', 'reduce() of empty iterable with no initial value');
      acc = first.value;
    }
    for (let r = items.next(); !r.done; r = items.next()) acc = rt.call(fn, [acc, r.value], NO_KWARGS, node);
    return acc;
  },
};

const COPY: Record<string, Impl> = {
  deepcopy: (_rt, call) => deepCopy(arg(call, 0, 'x')),
  copy: (_rt, call) => shallowCopy(arg(call, 0, 'x')),
};

function shallowCopy(x: PyValue): PyValue {
  if (Array.isArray(x)) return x.slice();
  if (x instanceof ConfigDict) return configDictCopy(x);
  if (x instanceof PyDict) return new PyDict(x);
  if (x instanceof PySet) return new PySet(new PyDict(x.items));
  return x;
}

/** typing's annotation names (real configs import them for annotations: `from typing import List`). */
const TYPING_FORMS = [
  'Any',
  'AnyStr',
  'Callable',
  'ClassVar',
  'DefaultDict',
  'Dict',
  'Final',
  'FrozenSet',
  'Generator',
  'Iterable',
  'Iterator',
  'List',
  'Literal',
  'Mapping',
  'MutableMapping',
  'MutableSequence',
  'NoReturn',
  'Optional',
  'Sequence',
  'Set',
  'Tuple',
  'Type',
  'Union',
];

/** The whitelisted stdlib modules, by import name; each member is a pure function or a constant. */
export function stdlibModules(rt: Runtime): Map<string, PyModule> {
  const fns = (prefix: string, table: Record<string, Impl>): [string, PyValue][] =>
    Object.entries(table).map(([name, impl]) => [name, new PyBuiltin(`${prefix}.${name}`, (call, node) => impl(rt, call, node))]);
  const osPath = new PyModule('posixpath', new Map([...fns('posixpath', OS_PATH), ['sep', '/']]));
  const environ = new PyEnviron();
  const getenv = new PyBuiltin('os.getenv', (call) => rt.environment.getEnv(strArg(call, 0, 'key')) ?? arg(call, 1, 'default', null));
  const os = new PyModule(
    'os',
    new Map<string, PyValue>([
      ['path', osPath],
      ['environ', environ],
      ['getenv', getenv],
      ['sep', '/'],
    ]),
  );
  const math = new PyModule(
    'math',
    new Map<string, PyValue>([...fns('math', MATH), ['pi', Math.PI], ['e', Math.E], ['inf', Infinity], ['nan', NaN], ['tau', 2 * Math.PI]]),
  );
  return new Map([
    ['os', os],
    ['os.path', osPath],
    ['posixpath', osPath],
    ['math', math],
    ['copy', new PyModule('copy', new Map(fns('copy', COPY)))],
    ['itertools', new PyModule('itertools', new Map(fns('itertools', ITERTOOLS)))],
    ['functools', new PyModule('functools', new Map(fns('functools', FUNCTOOLS)))],
    [
      'typing',
      new PyModule(
        'typing',
        new Map<string, PyValue>([...TYPING_FORMS.map((n): [string, PyValue] => [n, new PyTypingForm(n)]), ['TYPE_CHECKING', false]]),
      ),
    ],
  ]);
}
