import { PyTuple, type PyValue } from '@shardwise/core';
import { arg, intArg, maxArgs, strArg } from '../builtins/call-args.js';
import { pyError } from '../interpreter/py-exception.js';
import type { Runtime } from '../interpreter/runtime.js';
import { formatString } from '../str-format.js';
import type { SyntaxNode } from '../syntax-node.js';
import { pyLen } from '../values/py-string.js';
import type { CallArgs } from '../values/runtime-objects.js';
import { typeName } from '../values/type-name.js';

export type Method<T> = (rt: Runtime, self: T, call: CallArgs, node: SyntaxNode) => PyValue;

// Python's str.split()/strip() whitespace (ASCII plus the Unicode spaces JS \s also covers).
const WS = /\s/u;

function stripChars(call: CallArgs, fname: string): string | null {
  maxArgs(call, 1, fname);
  const chars = arg(call, 0, 'chars', null);
  if (chars !== null && typeof chars !== 'string') throw pyError('TypeError', `${fname} arg must be None or str`);
  return chars;
}

function strip(s: string, chars: string | null, left: boolean, right: boolean): string {
  const set = chars === null ? undefined : new Set(chars);
  const strips = (c: string) => (set ? set.has(c) : WS.test(c));
  const cps = [...s];
  let i = 0;
  let j = cps.length;
  if (left) while (i < j && strips(cps[i]!)) i++;
  if (right) while (j > i && strips(cps[j - 1]!)) j--;
  return cps.slice(i, j).join('');
}

function split(s: string, sep: string | null, maxsplit: number, fromRight: boolean): string[] {
  if (sep === '') throw pyError('ValueError', 'empty separator');
  if (sep === null) {
    const words = s.split(/\s+/u).filter((w) => w !== '');
    if (maxsplit < 0 || words.length <= maxsplit + 1) return words;
    // Keep the unsplit remainder verbatim (leading whitespace stripped on the split side only).
    const re = /\S+/gu;
    const spans = [...s.matchAll(re)].map((m) => [m.index, m.index + m[0].length] as const);
    if (fromRight) {
      const head = spans[spans.length - maxsplit - 1]!;
      return [s.slice(0, head[1]).replace(/^\s+/u, ''), ...spans.slice(spans.length - maxsplit).map(([a, b]) => s.slice(a, b))];
    }
    const tail = spans[maxsplit]!;
    return [...spans.slice(0, maxsplit).map(([a, b]) => s.slice(a, b)), s.slice(tail[0]).replace(/\s+$/u, '')];
  }
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  if (fromRight) return [parts.slice(0, parts.length - maxsplit).join(sep), ...parts.slice(parts.length - maxsplit)];
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

function affixTest(self: string, call: CallArgs, fname: string, test: (s: string, affix: string) => boolean): boolean {
  const affix = arg(call, 0, 'prefix');
  const options = affix instanceof PyTuple ? affix.items : [affix];
  return options.some((o) => {
    if (typeof o !== 'string') throw pyError('TypeError', `${fname} first arg must be str or a tuple of str, not ${typeName(o)}`);
    return test(self, o);
  });
}

function find(self: string, sub: string, fromRight: boolean): number {
  const i = fromRight ? self.lastIndexOf(sub) : self.indexOf(sub);
  return i < 0 ? -1 : pyLen(self.slice(0, i));
}

function justify(self: string, call: CallArgs, where: 'left' | 'right' | 'center'): string {
  const width = intArg(call, 0, 'width')!;
  const fill = strArg(call, 1, 'fillchar', ' ');
  const n = Math.max(0, width - pyLen(self));
  if (where === 'left') return self + fill.repeat(n);
  if (where === 'right') return fill.repeat(n) + self;
  const left = Math.floor(n / 2) + (n & width & 1);
  return fill.repeat(left) + self + fill.repeat(n - left);
}

const cased = (s: string) => s.toLowerCase() !== s.toUpperCase();

export const strMethods: Record<string, Method<string>> = {
  format: (_rt, self, call) => formatString(self, call),
  replace: (rt, self, call) => {
    const old = strArg(call, 0, 'old');
    const repl = strArg(call, 1, 'new');
    const count = intArg(call, 2, 'count', -1n)!;
    if (count < 0) return rt.limits.checkString(old === '' ? [...self].map((c) => repl + c).join('') + repl : self.split(old).join(repl));
    let out = self;
    let from = 0;
    for (let n = 0; n < count; n++) {
      const i = out.indexOf(old, from);
      if (i < 0) break;
      out = out.slice(0, i) + repl + out.slice(i + old.length);
      from = i + repl.length + (old === '' ? 1 : 0);
    }
    return rt.limits.checkString(out);
  },
  strip: (_rt, self, call) => strip(self, stripChars(call, 'strip'), true, true),
  lstrip: (_rt, self, call) => strip(self, stripChars(call, 'lstrip'), true, false),
  rstrip: (_rt, self, call) => strip(self, stripChars(call, 'rstrip'), false, true),
  split: (_rt, self, call) => split(self, arg(call, 0, 'sep', null) as string | null, intArg(call, 1, 'maxsplit', -1n)!, false),
  rsplit: (_rt, self, call) => split(self, arg(call, 0, 'sep', null) as string | null, intArg(call, 1, 'maxsplit', -1n)!, true),
  splitlines: (_rt, self) =>
    self.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/).filter((_l, i, all) => i < all.length - 1 || all[i] !== ''),
  join: (rt, self, call, node) => {
    const parts = rt.toList(arg(call, 0, 'iterable'), node);
    parts.forEach((p, i) => {
      if (typeof p !== 'string') throw pyError('TypeError', `sequence item ${i}: expected str instance, ${typeName(p)} found`);
    });
    return rt.limits.checkString(parts.join(self));
  },
  upper: (_rt, self) => self.toUpperCase(),
  lower: (_rt, self) => self.toLowerCase(),
  casefold: (_rt, self) => self.toLowerCase(),
  swapcase: (_rt, self) => [...self].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  capitalize: (_rt, self) => {
    const [first = '', ...rest] = [...self];
    return first.toUpperCase() + rest.join('').toLowerCase();
  },
  title: (_rt, self) => {
    let prevCased = false;
    let out = '';
    for (const c of self) {
      out += prevCased ? c.toLowerCase() : c.toUpperCase();
      prevCased = cased(c);
    }
    return out;
  },
  startswith: (_rt, self, call) => affixTest(self, call, 'startswith', (s, a) => s.startsWith(a)),
  endswith: (_rt, self, call) => affixTest(self, call, 'endswith', (s, a) => s.endsWith(a)),
  find: (_rt, self, call) => BigInt(find(self, strArg(call, 0, 'sub'), false)),
  rfind: (_rt, self, call) => BigInt(find(self, strArg(call, 0, 'sub'), true)),
  index: (_rt, self, call) => {
    const i = find(self, strArg(call, 0, 'sub'), false);
    if (i < 0) throw pyError('ValueError', 'substring not found');
    return BigInt(i);
  },
  count: (_rt, self, call) => {
    const sub = strArg(call, 0, 'sub');
    return BigInt(sub === '' ? pyLen(self) + 1 : self.split(sub).length - 1);
  },
  isdigit: (_rt, self) => /^\p{Nd}+$/u.test(self),
  isdecimal: (_rt, self) => /^\p{Nd}+$/u.test(self),
  isnumeric: (_rt, self) => /^\p{N}+$/u.test(self),
  isalpha: (_rt, self) => /^\p{L}+$/u.test(self),
  isalnum: (_rt, self) => /^[\p{L}\p{N}]+$/u.test(self),
  isspace: (_rt, self) => /^\s+$/u.test(self),
  isupper: (_rt, self) => cased(self) && self === self.toUpperCase(),
  islower: (_rt, self) => cased(self) && self === self.toLowerCase(),
  isidentifier: (_rt, self) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(self),
  zfill: (_rt, self, call) => {
    const width = intArg(call, 0, 'width')!;
    const sign = /^[+-]/.test(self) ? self[0]! : '';
    const body = self.slice(sign.length);
    return sign + body.padStart(width - sign.length, '0');
  },
  ljust: (_rt, self, call) => justify(self, call, 'left'),
  rjust: (_rt, self, call) => justify(self, call, 'right'),
  center: (_rt, self, call) => justify(self, call, 'center'),
  partition: (_rt, self, call) => {
    const sep = strArg(call, 0, 'sep');
    const i = self.indexOf(sep);
    return new PyTuple(i < 0 ? [self, '', ''] : [self.slice(0, i), sep, self.slice(i + sep.length)]);
  },
  rpartition: (_rt, self, call) => {
    const sep = strArg(call, 0, 'sep');
    const i = self.lastIndexOf(sep);
    return new PyTuple(i < 0 ? ['', '', self] : [self.slice(0, i), sep, self.slice(i + sep.length)]);
  },
  removeprefix: (_rt, self, call) => {
    const p = strArg(call, 0, 'prefix');
    return self.startsWith(p) ? self.slice(p.length) : self;
  },
  removesuffix: (_rt, self, call) => {
    const p = strArg(call, 0, 'suffix');
    return p && self.endsWith(p) ? self.slice(0, -p.length) : self;
  },
};
