import { issue, PyDict, PyLazy, PyOpaque, PyTuple, type Issue, type PyKey, type PyValue } from '@shardwise/core';
import type { FileResult } from './config-session.js';
import { ConfigDict, PyBuiltin, PyFunction, PyModule } from './values/runtime-objects.js';

/**
 * mmengine's extraction + to_dict (docs/python-configs.md §1.6-1.7): drop `__` names, `LazyObject` and every imported
 * name (lazy mode) or modules and functions, stdlib ones included (plain mode); turn lazy references into their dotted strings
 * and ConfigDicts into plain dicts. Values OpenCompass cannot dump stay PyOpaque and get an error issue.
 */
export function toDict(result: FileResult, file: string): { namespace: PyDict; issues: Issue[] } {
  const namespace = new PyDict();
  const issues: Issue[] = [];
  const converter = new ToDictConverter();
  for (const [key, value] of result.namespace) {
    if (typeof key !== 'string' || key.startsWith('__') || key === 'LazyObject') continue;
    if (
      result.lazy ? result.importedNames.has(key) : value instanceof PyModule || value instanceof PyFunction || value instanceof PyBuiltin
    )
      continue;
    const { value: out, opaque } = converter.convert(key, value);
    namespace.set(key, out);
    for (const path of opaque) {
      issues.push(
        issue('SW_PY_NOT_SERIALIZABLE', `${path} is not serializable; OpenCompass fails when it reloads its dumped config`, {
          file,
          hint: 'del the helper (module, function or lambda) at the end of the config',
        }),
      );
    }
  }
  return { namespace, issues };
}

/** Thrown by a conversion that reuses containers when it meets a container inside itself. */
const CYCLE = Symbol('cycle');

/**
 * mmengine's to_dict builds a fresh tree. The evaluated namespace is dropped once converted, so its
 * containers are reused instead (copying every dataset once more was a third of the GC work of a large
 * config): lazy references become dotted strings and ConfigDicts plain dicts, in place. A container reached
 * a second time is copied, so the result shares nothing, like mmengine's. A value that contains itself is
 * converted again by copying only, which replaces the inner reference by None and reports it.
 */
class ToDictConverter {
  /** Containers already reused: meeting one again means aliasing, which gets a copy. */
  private readonly reused = new Set<object>();
  private opaque: string[] = [];
  /** Keys and indexes down to the current value, rendered (`datasets[0]['type']`) only for a reported value. */
  private readonly trail: (PyKey | number)[] = [];
  /** Containers being walked (the current chain, a few deep): a cycle shows up as one of them again. */
  private readonly open: object[] = [];
  /** False while a value with a cycle is converted again by copying. */
  private reuseAllowed = true;
  private root = '';
  /** One dotted string per lazy object: every dataset refers to the same few classes. */
  private readonly dotted = new Map<PyLazy, string>();

  convert(key: string, value: PyValue): { value: PyValue; opaque: string[] } {
    this.root = key;
    this.opaque = [];
    try {
      return { value: this.value(value, true), opaque: this.opaque };
    } catch (e) {
      if (e !== CYCLE) throw e;
      // What was converted in place so far copies to the same result (strings stay strings): copy from the top.
      this.trail.length = 0;
      this.open.length = 0;
      this.opaque = [];
      this.reuseAllowed = false;
      try {
        return { value: this.value(value, false), opaque: this.opaque };
      } finally {
        this.reuseAllowed = true;
      }
    }
  }

  /** The converted value: the container itself on its first visit when `reuse`, else a fresh copy. */
  private value(v: PyValue, reuse: boolean): PyValue {
    if (v === null || typeof v !== 'object') return v;
    if (v instanceof PyLazy) return this.dottedOf(v);
    if (this.open.includes(v)) {
      if (this.reuseAllowed) {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a sentinel caught by convert(), never seen by a caller
        throw CYCLE;
      }
      this.opaque.push(`${this.path()} (a container that contains itself)`);
      return null;
    }
    if (!(Array.isArray(v) || v instanceof PyTuple || v instanceof PyDict)) return this.reportOpaque(v);
    const inPlace = reuse && !this.reused.has(v);
    if (inPlace) this.reused.add(v);
    this.open.push(v);
    try {
      // A tuple's items are immutable: its converted form is always a new tuple.
      if (v instanceof PyTuple) return new PyTuple(this.items(v.items, [], inPlace));
      if (Array.isArray(v)) return this.items(v, inPlace ? v : [], inPlace);
      if (inPlace && v instanceof ConfigDict) Object.setPrototypeOf(v, PyDict.prototype);
      return this.entries(v, inPlace ? v : new PyDict(), inPlace);
    } finally {
      this.open.pop();
    }
  }

  private entries(d: PyDict, out: PyDict, reuse: boolean): PyDict {
    for (const [k, x] of d) {
      this.trail.push(k);
      const y = this.value(x, reuse);
      if (y !== x || !reuse) out.set(k, y);
      this.trail.pop();
    }
    return out;
  }

  private items(items: readonly PyValue[], out: PyValue[], reuse: boolean): PyValue[] {
    for (let i = 0; i < items.length; i++) {
      this.trail.push(i);
      out[i] = this.value(items[i]!, reuse);
      this.trail.pop();
    }
    return out;
  }

  private dottedOf(lazy: PyLazy): string {
    let text = this.dotted.get(lazy);
    if (text === undefined) this.dotted.set(lazy, (text = lazy.dotted));
    return text;
  }

  /** Values OpenCompass cannot dump stay as they are and are reported with their path. */
  private reportOpaque(v: object): PyValue {
    this.opaque.push(`${this.path()} (${v instanceof PyOpaque ? `${v.kind} ${v.label}` : 'object'})`);
    return v as PyValue;
  }

  private path(): string {
    let out = this.root;
    for (const k of this.trail) out += typeof k === 'string' ? `['${k}']` : `[${String(k)}]`;
    return out;
  }
}
