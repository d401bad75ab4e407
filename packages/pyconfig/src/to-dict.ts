import { issue, PyDict, PyLazy, PyOpaque, PyTuple, type Issue, type PyValue } from '@shardwise/core';
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
    const opaque: string[] = [];
    namespace.set(key, plain(value, key, opaque));
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

function plain(v: PyValue, path: string, opaque: string[], seen = new Set<object>()): PyValue {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof PyLazy) return v.dotted;
  if (seen.has(v)) {
    opaque.push(`${path} (a container that contains itself)`);
    return null;
  }
  seen.add(v);
  try {
    if (Array.isArray(v)) return v.map((x, i) => plain(x, `${path}[${i}]`, opaque, seen));
    if (v instanceof PyTuple) return new PyTuple(v.items.map((x, i) => plain(x, `${path}[${i}]`, opaque, seen)));
    if (v instanceof PyDict) {
      const out = new PyDict();
      for (const [k, x] of v) out.set(k, plain(x, `${path}[${typeof k === "string" ? `'${k}'` : String(k)}]`, opaque, seen));
      return out;
    }
  } finally {
    seen.delete(v);
  }
  opaque.push(`${path} (${v instanceof PyOpaque ? `${v.kind} ${v.label}` : 'object'})`);
  return v;
}
