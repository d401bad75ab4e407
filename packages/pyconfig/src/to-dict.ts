import { issue, PyDict, PyLazy, PyOpaque, PyTuple, type Issue, type PyKey, type PyValue } from '@shardwise/core';
import type { FileResult } from './config-session.js';
import { PyBuiltin, PyFunction, PyModule } from './values/runtime-objects.js';

/**
 * mmengine's extraction + to_dict (spec §1.6-1.7): drop `__` names, `LazyObject` and every imported
 * name (lazy mode) or modules and functions, stdlib ones included (plain mode); turn lazy references into their dotted strings
 * and ConfigDicts into plain dicts. Values OpenCompass cannot dump stay PyOpaque and get an error issue.
 */
export function toDict(result: FileResult, file: string): { namespace: PyDict; issues: Issue[] } {
  const namespace = new PyDict();
  const issues: Issue[] = [];
  for (const [key, value] of result.namespace) {
    if (typeof key !== 'string' || key.startsWith('__') || key === 'LazyObject') continue;
    if (result.lazy ? result.importedNames.has(key) : value instanceof PyModule || value instanceof PyFunction || value instanceof PyBuiltin) continue;
    const copier = new PlainCopier(key);
    namespace.set(key, copier.copy(value));
    for (const path of copier.opaque) {
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

/**
 * Copies one top-level value. The path of the value being copied is kept as a trail of keys and indexes
 * and rendered (`datasets[0]['type']`) only for the rare value that gets reported: building it for every
 * value allocated more than the copy itself.
 */
class PlainCopier {
  readonly opaque: string[] = [];
  private readonly trail: (PyKey | number)[] = [];
  /** Containers being copied (the current chain, a few deep): a cycle shows up as one of them again. */
  private readonly open: object[] = [];

  constructor(private readonly root: string) {}

  copy(v: PyValue): PyValue {
    if (v === null || typeof v !== 'object') return v;
    if (v instanceof PyLazy) return v.dotted;
    if (this.open.includes(v)) {
      this.opaque.push(`${this.path()} (a container that contains itself)`);
      return null;
    }
    this.open.push(v);
    try {
      if (Array.isArray(v)) return this.items(v);
      if (v instanceof PyTuple) return new PyTuple(this.items(v.items));
      if (v instanceof PyDict) {
        const out = new PyDict();
        for (const [k, x] of v) {
          this.trail.push(k);
          out.set(k, this.copy(x));
          this.trail.pop();
        }
        return out;
      }
    } finally {
      this.open.pop();
    }
    this.opaque.push(`${this.path()} (${v instanceof PyOpaque ? `${v.kind} ${v.label}` : 'object'})`);
    return v;
  }

  private items(items: readonly PyValue[]): PyValue[] {
    const out = new Array<PyValue>(items.length);
    for (let i = 0; i < items.length; i++) {
      this.trail.push(i);
      out[i] = this.copy(items[i]!);
      this.trail.pop();
    }
    return out;
  }

  private path(): string {
    let out = this.root;
    for (const k of this.trail) out += typeof k === 'string' ? `['${k}']` : `[${String(k)}]`;
    return out;
  }
}
