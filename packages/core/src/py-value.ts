import { setOwn } from './own-property.js';
import { pyJsonKey } from './python-json.js';

/**
 * Python values as shardwise holds them, shared by the config reader, the planner and the merger.
 * Python distinguishes int from float and keeps dict order with non-string keys; JSON.parse and plain
 * objects lose both (`80` vs `80.0` changes summary files, `{"type":…, "0":…}` would be reordered).
 *
 *   int   → bigint        float → number        str → string     bool → boolean    None → null
 *   list  → PyValue[]     tuple → PyTuple       dict → PyDict (a Map, insertion-ordered)
 *   lazy reference (`from opencompass.x import Y`) → PyLazy, serialised as the string 'opencompass.x.Y'
 */
export type PyValue = null | boolean | bigint | number | string | PyValue[] | PyTuple | PyDict | PyLazy | PyOpaque;
export type PyKey = string | bigint | number | boolean | null | PyTuple;

export class PyDict extends Map<PyKey, PyValue> {
  /** Looks up a string key; undefined when absent. */
  str(key: string): PyValue | undefined {
    return this.get(key);
  }
}

export class PyTuple {
  constructor(readonly items: readonly PyValue[]) {}
}

/** A lazily imported name or attribute chain: `module` as written in the import, `name` dotted. */
export class PyLazy {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}
  /** `'opencompass.openicl.icl_inferencer.GenInferencer'`, as mmengine's to_dict writes it. */
  get dotted(): string {
    return `${this.module}.${this.name}`;
  }
}

/** A value OpenCompass cannot serialise (module, function, lambda): kept so it can be reported. */
export class PyOpaque {
  constructor(
    readonly kind: 'module' | 'function' | 'lambda' | 'builtin' | 'other',
    readonly label: string,
  ) {}
}

export const isDict = (v: unknown): v is PyDict => v instanceof PyDict;
export const isList = (v: unknown): v is PyValue[] => Array.isArray(v);
export const isTuple = (v: unknown): v is PyTuple => v instanceof PyTuple;
export const isInt = (v: unknown): v is bigint => typeof v === 'bigint';
export const isFloat = (v: unknown): v is number => typeof v === 'number';
/** int, float or bool: what Python's `isinstance(v, (int, float))` accepts. */
export const isPyNumber = (v: unknown): v is bigint | number | boolean =>
  typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';

/** A Python number as a JS number (bools count as 0/1, like Python). */
export function toJsNumber(v: bigint | number | boolean): number {
  return typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
}

/** Items of a list or tuple; undefined for anything else. */
export function sequenceItems(v: PyValue | undefined): readonly PyValue[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof PyTuple) return v.items;
  return undefined;
}

/** `d[k1][k2]…` through dicts with string keys; undefined when any step is missing or not a dict. */
export function dig(v: PyValue | undefined, ...path: string[]): PyValue | undefined {
  let cur: PyValue | undefined = v;
  for (const k of path) {
    if (!(cur instanceof PyDict)) return undefined;
    cur = cur.get(k);
  }
  return cur;
}

/** Builds a PyDict from entries (test fixtures, conversions). */
export function pyDict(entries: Iterable<readonly [PyKey, PyValue]> = []): PyDict {
  const d = new PyDict();
  for (const [k, v] of entries) d.set(k, v);
  return d;
}

/**
 * mmengine's to_dict as JSON-compatible JS data: dicts → objects (keys stringified, order kept for
 * non-index keys), tuples → arrays, lazy → dotted string, ints → numbers when safe else decimal strings.
 * Use only for display / `--json`; keep PyValue for anything that must round-trip.
 */
export function toPlainJson(v: PyValue): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (Array.isArray(v)) return v.map(toPlainJson);
  if (v instanceof PyTuple) return v.items.map(toPlainJson);
  if (v instanceof PyLazy) return v.dotted;
  if (v instanceof PyOpaque) return `<${v.kind} ${v.label}>`;
  const out: Record<string, unknown> = {};
  for (const [k, val] of v)
    setOwn(
      out,
      pyJsonKey(k, (t) => String(t.items)),
      toPlainJson(val),
    );
  return out;
}
