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
  const out: string[] = [];
  new PyJsonWriter(out, indent).value(v, level);
  return out.join('');
}

/** Appends the pieces to one array joined once: a large namespace (10 MB of JSON) is not rebuilt level by level. */
class PyJsonWriter {
  /** '\n' plus the indentation of each level, made once per level. */
  private readonly newlines: string[] = [];
  /** JSON text of each distinct string: datasets repeat the same keys, types and prompts thousands of times. */
  private readonly quoted = new Map<string, string>();

  constructor(
    private readonly out: string[],
    private readonly indent: number,
  ) {}

  private newline(level: number): string {
    return (this.newlines[level] ??= '\n' + ' '.repeat(this.indent * level));
  }

  private quote(s: string): string {
    let text = this.quoted.get(s);
    if (text === undefined) this.quoted.set(s, (text = JSON.stringify(s)));
    return text;
  }

  value(v: PyValue, level: number): void {
    const out = this.out;
    if (v === null) out.push('null');
    else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
    else if (typeof v === 'bigint') out.push(v.toString());
    else if (typeof v === 'number') out.push(Number.isFinite(v) ? pyFloatRepr(v) : JSON.stringify(pyFloatRepr(v)));
    else if (typeof v === 'string') out.push(this.quote(v));
    else if (v instanceof PyLazy) out.push(JSON.stringify(v.dotted));
    else if (v instanceof PyOpaque) out.push(JSON.stringify(`<${v.kind} ${v.label}>`));
    else if (Array.isArray(v) || v instanceof PyTuple) {
      const items = Array.isArray(v) ? v : v.items;
      if (!items.length) {
        out.push('[]');
        return;
      }
      const inner = this.newline(level + 1);
      for (let i = 0; i < items.length; i++) {
        out.push(i ? ',' + inner : '[' + inner);
        this.value(items[i]!, level + 1);
      }
      out.push(this.newline(level) + ']');
    } else if (v instanceof PyDict) {
      if (!v.size) {
        out.push('{}');
        return;
      }
      const inner = this.newline(level + 1);
      let first = true;
      for (const [k, x] of v) {
        out.push(`${first ? '{' : ','}${inner}${this.quote(jsonKey(k))}: `);
        first = false;
        this.value(x, level + 1);
      }
      out.push(this.newline(level) + '}');
    } else out.push(JSON.stringify(String(v)));
  }
}

function jsonKey(k: PyKey): string {
  if (typeof k === 'string') return k;
  if (k === null) return 'null';
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'number') return Number.isFinite(k) ? pyFloatRepr(k) : k > 0 ? 'Infinity' : k < 0 ? '-Infinity' : 'NaN';
  return typeof k === 'bigint' ? k.toString() : pyRepr(k);
}
