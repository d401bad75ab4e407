import { PyDict, PyLazy, PyTuple, type PyValue } from '@shardwise/core';
import { refuse } from '../config-refusal.js';
import { dictMethods, environMethods, exceptionAttributes, fileMethods, setMethods } from '../methods/mapping-methods.js';
import { listMethods, tupleMethods } from '../methods/sequence-methods.js';
import { strMethods, type Method } from '../methods/str-methods.js';
import type { SyntaxNode } from '../syntax-node.js';
import { dictGet } from '../values/dict-keys.js';
import { ConfigDict, PyBuiltin, PyEnviron, PyExceptionObject, PyFile, PyModule, PySet } from '../values/runtime-objects.js';
import { typeName } from '../values/type-name.js';
import { pyError } from './py-exception.js';
import type { Runtime } from './runtime.js';

function bound<T>(rt: Runtime, table: Record<string, Method<T>>, self: T, name: string): PyBuiltin | undefined {
  if (!Object.hasOwn(table, name)) return undefined;
  const method = table[name]!;
  return new PyBuiltin(name, (call, node) => method(rt, self, call, node));
}

/**
 * `obj.name`. Lazy objects give lazy attributes (`torch.bfloat16`); whitelisted modules give their
 * whitelisted members; data values give their methods (AttributeError otherwise, catchable as in Python);
 * anything else — introspection of functions, unknown module members — is refused.
 */
export function getAttribute(rt: Runtime, obj: PyValue, name: string, node: SyntaxNode): PyValue {
  if (obj instanceof PyLazy) return new PyLazy(obj.module, obj.name ? `${obj.name}.${name}` : name);
  if (obj instanceof PyModule) {
    const member = obj.attrs.get(name);
    if (member === undefined) throw refuse('SW_PY_FORBIDDEN', node, `${obj.name}.${name} is outside the whitelisted environment layer`, 'only pure helpers (os.path string functions, os.environ.get, math, copy, itertools.product, functools.reduce) are evaluated');
    return member;
  }
  let method: PyBuiltin | undefined;
  if (typeof obj === 'string') method = bound(rt, strMethods, obj, name);
  else if (Array.isArray(obj)) method = bound(rt, listMethods, obj, name);
  else if (obj instanceof PyDict) {
    method = bound(rt, dictMethods, obj, name);
    if (!method && obj instanceof ConfigDict) {
      const v = dictGet(obj, name);
      if (v !== undefined) return v;
    }
  } else if (obj instanceof PyTuple) method = bound(rt, tupleMethods, obj, name);
  else if (obj instanceof PySet) method = bound(rt, setMethods, obj, name);
  else if (obj instanceof PyFile) method = bound(rt, fileMethods, obj, name);
  else if (obj instanceof PyEnviron) method = bound(rt, environMethods, obj, name);
  else if (obj instanceof PyExceptionObject) {
    const v = exceptionAttributes(obj, name);
    if (v !== undefined) return v;
  } else if (!(obj === null || typeof obj === 'boolean' || typeof obj === 'bigint' || typeof obj === 'number')) {
    throw refuse('SW_PY_FORBIDDEN', node, `attribute .${name} of a ${typeName(obj)} is not evaluated (introspection is outside the config subset)`);
  }
  if (method) return method;
  throw pyError('AttributeError', `'${typeName(obj)}' object has no attribute '${name}'`);
}
