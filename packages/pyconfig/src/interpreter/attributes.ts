import { PyDict, PyLazy, PyTuple, type PyValue } from '@shardwise/core';
import { refuse } from '../config-refusal.js';
import { dictMethods, environMethods, exceptionAttributes, fileMethods, setMethods } from '../methods/mapping-methods.js';
import { listMethods, tupleMethods } from '../methods/sequence-methods.js';
import { strMethods, type Method } from '../methods/str-methods.js';
import type { SyntaxNode } from '../syntax-node.js';
import { configDictMethods } from '../methods/config-dict-methods.js';
import { CONFIG_DICT_CLASS_ATTRIBUTES, configDictSet } from '../values/config-dict.js';
import { dictGet } from '../values/dict-keys.js';
import { ConfigDict, PyBuiltin, PyEnviron, PyExceptionObject, PyFile, PyModule, PySet } from '../values/runtime-objects.js';
import { typeName } from '../values/type-name.js';
import { pyError } from './py-exception.js';
import type { Runtime } from './runtime.js';

/** The method table of a data value (str, list, dict, tuple, set, file, os.environ); undefined for anything else. */
function methodTable(obj: PyValue): Record<string, Method<never>> | undefined {
  if (typeof obj === 'string') return strMethods;
  if (Array.isArray(obj)) return listMethods;
  if (obj instanceof ConfigDict) return configDictMethods;
  if (obj instanceof PyDict) return dictMethods;
  if (obj instanceof PyTuple) return tupleMethods;
  if (obj instanceof PySet) return setMethods;
  if (obj instanceof PyFile) return fileMethods;
  if (obj instanceof PyEnviron) return environMethods;
  return undefined;
}

/** The method `name` of a data value, to be called with that value as `self`; undefined when it has none. */
export function methodOf(obj: PyValue, name: string): Method<PyValue> | undefined {
  const table = methodTable(obj);
  return table && Object.hasOwn(table, name) ? (table[name] as Method<PyValue>) : undefined;
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
    if (member === undefined)
      throw refuse(
        'SW_PY_FORBIDDEN',
        node,
        `${obj.name}.${name} is outside the whitelisted environment layer`,
        'only pure helpers (os.path string functions, os.environ.get, math, copy, itertools.product, functools.reduce) are evaluated',
      );
    return member;
  }
  if (methodTable(obj)) {
    const method = methodOf(obj, name);
    if (method) return new PyBuiltin(name, (call, at) => method(rt, obj, call, at));
    if (obj instanceof ConfigDict) return configDictAttribute(obj, name, node);
  } else if (obj instanceof PyExceptionObject) {
    const v = exceptionAttributes(obj, name);
    if (v !== undefined) return v;
  } else if (!(obj === null || typeof obj === 'boolean' || typeof obj === 'bigint' || typeof obj === 'number')) {
    throw refuse(
      'SW_PY_FORBIDDEN',
      node,
      `attribute .${name} of a ${typeName(obj)} is not evaluated (introspection is outside the config subset)`,
    );
  }
  throw pyError('AttributeError', `'${typeName(obj)}' object has no attribute '${name}'`);
}

/**
 * `cd.name` on a ConfigDict once no method matched: class attributes come first (mmengine sets
 * `ConfigDict.lazy = True` while it parses), then the key; a missing key is mmengine's AttributeError.
 */
function configDictAttribute(cd: ConfigDict, name: string, node: SyntaxNode): PyValue {
  if (name === 'lazy') return true;
  if (CONFIG_DICT_CLASS_ATTRIBUTES.has(name) || (name.startsWith('__') && name.endsWith('__'))) {
    throw refuse(
      'SW_PY_UNSUPPORTED',
      node,
      `ConfigDict.${name} is not evaluated by shardwise`,
      'use plain dict operations (d[key], d.get, d.update, d.copy, d.deepcopy, d.to_dict)',
    );
  }
  const v = dictGet(cd, name);
  if (v === undefined) throw pyError('AttributeError', `'ConfigDict' object has no attribute '${name}'`);
  return v;
}

/** `cd.name = value`: addict refuses class attribute names, anything else is `cd[name] = value` through the hook. */
export function setConfigDictAttribute(cd: ConfigDict, name: string, value: PyValue, node: SyntaxNode): void {
  if (name.startsWith('__') && name.endsWith('__'))
    throw refuse('SW_PY_UNSUPPORTED', node, `setting ConfigDict.${name} is not evaluated by shardwise`);
  if (CONFIG_DICT_CLASS_ATTRIBUTES.has(name)) throw pyError('AttributeError', `'Dict' object attribute '${name}' is read-only`);
  configDictSet(cd, name, value);
}
