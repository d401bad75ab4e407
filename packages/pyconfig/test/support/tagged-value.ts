import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PyDict, PyLazy, PyTuple, pyFloatRepr, type PyKey, type PyValue } from '@shardwise/core';

/** A PyValue as exact, order-preserving JSON (int/float/tuple distinctions kept), for comparison with Python. */
export type Tagged =
  | null
  | boolean
  | string
  | { int: string }
  | { float: string }
  | { list: Tagged[] }
  | { tuple: Tagged[] }
  | { dict: [Tagged, Tagged][] }
  | { opaque: string };

export function tagged(v: PyValue | PyKey): Tagged {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return { int: v.toString() };
  if (typeof v === 'number') return { float: pyFloatRepr(v) };
  if (Array.isArray(v)) return { list: v.map(tagged) };
  if (v instanceof PyTuple) return { tuple: v.items.map(tagged) };
  if (v instanceof PyDict) return { dict: [...v].map(([k, x]) => [tagged(k), tagged(x)] as [Tagged, Tagged]) };
  if (v instanceof PyLazy) return v.dotted;
  return { opaque: String((v as { kind?: string }).kind) };
}

const script = fileURLToPath(new URL('./py_namespace.py', import.meta.url));

/** The namespace real python3 produces for a test fixture (plain mode: modules and functions dropped). */
export function pythonNamespace(file: string): Tagged {
  return JSON.parse(execFileSync('python3', [script, file], { encoding: 'utf8' })) as Tagged;
}

const mmScript = fileURLToPath(new URL('./mm_namespace.py', import.meta.url));

/** The namespace of a read_base fixture under python3 with mmengine's lazy-import mode emulated (mm_namespace.py). */
export function mmengineNamespace(file: string): Tagged {
  return JSON.parse(execFileSync('python3', [mmScript, file], { encoding: 'utf8' })) as Tagged;
}
