import { PyDict, PyLazy, PyTuple, type PyValue } from '@shardwise/core';
import {
  ConfigDict,
  PyBuiltin,
  PyDictView,
  PyEnviron,
  PyExceptionObject,
  PyFile,
  PyFunction,
  PyIterator,
  PyModule,
  PyRange,
  PySet,
} from './runtime-objects.js';

/** Python's `type(v).__name__`, for isinstance() and error messages. */
export function typeName(v: PyValue): string {
  if (v === null) return 'NoneType';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'str';
  }
  if (Array.isArray(v)) return 'list';
  if (v instanceof ConfigDict) return 'ConfigDict';
  if (v instanceof PyDict) return 'dict';
  if (v instanceof PyTuple) return 'tuple';
  if (v instanceof PyLazy) return 'LazyObject';
  if (v instanceof PyFunction) return 'function';
  if (v instanceof PyBuiltin) return v.typeName ? 'type' : 'builtin_function_or_method';
  if (v instanceof PyModule) return 'module';
  if (v instanceof PyRange) return 'range';
  if (v instanceof PySet) return 'set';
  if (v instanceof PyIterator) return v.label;
  if (v instanceof PyDictView) return v.label;
  if (v instanceof PyFile) return 'TextIOWrapper';
  if (v instanceof PyExceptionObject) return v.type;
  if (v instanceof PyEnviron) return '_Environ';
  return 'object';
}
