import { PyDict, PyTuple, pyFloatRepr, type PyValue } from '../../packages/core/src/index.js';

/**
 * Python `json.dump(value, f, indent=4, ensure_ascii=False)` — how OpenCompass writes predictions,
 * results and the size cache (opencompass.md §2.1): ints (bigint) as digits, floats by repr, NaN and
 * Infinity as bare tokens, raw non-ASCII, empty containers as `[]` / `{}`.
 */
export function pythonJsonDump(value: PyValue, level = 0): string {
  const pad = ' '.repeat(4 * (level + 1));
  const close = ' '.repeat(4 * level);
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return floatToken(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value) || value instanceof PyTuple) {
    const items = Array.isArray(value) ? value : value.items;
    if (!items.length) return '[]';
    return `[\n${items.map((v) => pad + pythonJsonDump(v, level + 1)).join(',\n')}\n${close}]`;
  }
  if (value instanceof PyDict) {
    if (!value.size) return '{}';
    const entries = [...value].map(([k, v]) => `${pad}${JSON.stringify(String(k))}: ${pythonJsonDump(v, level + 1)}`);
    return `{\n${entries.join(',\n')}\n${close}}`;
  }
  throw new Error(`not JSON-serializable: ${String(value)}`);
}

function floatToken(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return pyFloatRepr(x);
}
