import type { PyValue } from '@shardwise/core';
import { pyError } from '../interpreter/py-exception.js';
import type { CallArgs } from '../values/runtime-objects.js';
import { typeName } from '../values/type-name.js';

/** Argument `index` (or keyword `name`) of a builtin call; `fallback` when absent, TypeError when required. */
export function arg(call: CallArgs, index: number, name: string, fallback?: PyValue): PyValue {
  if (index < call.args.length) return call.args[index]!;
  const kw = call.kwargs.get(name);
  if (kw !== undefined) return kw;
  if (fallback !== undefined) return fallback;
  throw pyError('TypeError', `missing required argument '${name}' (pos ${index + 1})`);
}

export function strArg(call: CallArgs, index: number, name: string, fallback?: string): string {
  const v = arg(call, index, name, fallback);
  if (typeof v !== 'string') throw pyError('TypeError', `argument '${name}' must be str, not ${typeName(v)}`);
  return v;
}

/** An int argument as a JS number (bools count); `null` allowed when the fallback is null. */
export function intArg(call: CallArgs, index: number, name: string, fallback?: bigint | null): number | null {
  const v = arg(call, index, name, fallback === undefined ? undefined : fallback);
  if (v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'bigint') throw pyError('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
  return Number(v);
}

/** Refuses positional arguments beyond `n` (any keyword is taken, as by dict()). */
export function maxPositional(call: CallArgs, n: number, fname: string): void {
  if (call.args.length > n) throw pyError('TypeError', `${fname}() takes at most ${n} arguments (${call.args.length} given)`);
}

/** Refuses arguments a builtin does not take, as Python does. */
export function maxArgs(call: CallArgs, n: number, fname: string, keywords: readonly string[] = []): void {
  maxPositional(call, n, fname);
  for (const k of call.kwargs.keys())
    if (!keywords.includes(k)) throw pyError('TypeError', `${fname}() got an unexpected keyword argument '${k}'`);
}
