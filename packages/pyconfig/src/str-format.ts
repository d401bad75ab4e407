import { PyDict, type PyValue } from '@shardwise/core';
import { formatValue } from './format-spec.js';
import { pyError } from './interpreter/py-exception.js';
import { dictGet } from './values/dict-keys.js';
import { pyRepr, pyStr } from './values/repr.js';
import type { CallArgs } from './values/runtime-objects.js';

/** `str.format(*args, **kwargs)`: `{}`/`{0}`/`{name}` fields, `[key]` lookups, `!r`/`!s`, nested specs, `{{`/`}}`. */
export function formatString(template: string, call: CallArgs, depth = 0): string {
  if (depth > 2) throw pyError('ValueError', 'Max string recursion exceeded');
  let out = '';
  let auto = 0;
  let mode: 'automatic' | 'manual' | undefined;
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    if (c === '}') {
      if (template[i + 1] !== '}') throw pyError('ValueError', "Single '}' encountered in format string");
      out += '}';
      i += 2;
      continue;
    }
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    if (template[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    const end = fieldEnd(template, i);
    const body = template.slice(i + 1, end);
    i = end + 1;
    const m = /^([^!:[.]*)((?:\[[^\]]*\]|\.\w+)*)(?:!([rsa]))?(?::(.*))?$/s.exec(body);
    if (!m) throw pyError('ValueError', `invalid format field '{${body}}'`);
    const [, name = '', accessors = '', conversion, spec = ''] = m;
    let value: PyValue;
    const numbering = name === '' ? 'automatic' : /^\d+$/.test(name) ? 'manual' : undefined;
    if (numbering && mode && numbering !== mode)
      throw pyError('ValueError', `cannot switch from ${mode} field numbering to ${numbering} field specification`);
    mode ??= numbering;
    if (name === '') {
      value = positional(call, auto++);
    } else if (numbering) value = positional(call, Number(name));
    else {
      const kw = call.kwargs.get(name);
      if (kw === undefined) throw pyError('KeyError', name);
      value = kw;
    }
    for (const acc of accessors.matchAll(/\[([^\]]*)\]|\.(\w+)/g)) {
      if (acc[2] !== undefined) throw pyError('AttributeError', `attribute access '.${acc[2]}' in a format field is not supported`);
      const key = acc[1]!;
      if (!(value instanceof PyDict) && !Array.isArray(value)) throw pyError('TypeError', `'${typeof value}' object is not subscriptable`);
      const lookup: PyValue = /^\d+$/.test(key) ? BigInt(key) : key;
      const next = Array.isArray(value) ? value[Number(lookup)] : dictGet(value, lookup);
      if (next === undefined) throw pyError(Array.isArray(value) ? 'IndexError' : 'KeyError', lookup);
      value = next;
    }
    if (conversion) value = conversion === 's' ? pyStr(value) : pyRepr(value);
    out += formatValue(value, spec.includes('{') ? formatString(spec, call, depth + 1) : spec);
  }
  return out;
}

function fieldEnd(template: string, open: number): number {
  let depth = 0;
  for (let j = open; j < template.length; j++) {
    if (template[j] === '{') depth++;
    else if (template[j] === '}' && --depth === 0) return j;
  }
  throw pyError('ValueError', "expected '}' before end of string");
}

function positional(call: CallArgs, index: number): PyValue {
  if (index >= call.args.length) throw pyError('IndexError', `Replacement index ${index} out of range for positional args tuple`);
  return call.args[index]!;
}
