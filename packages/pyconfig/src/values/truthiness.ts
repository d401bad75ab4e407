import { PyDict, PyTuple, type PyValue } from '@shardwise/core';
import { PyRange, PySet } from './runtime-objects.js';

/** Python truth value: zero numbers and empty containers are false; every other object is true. */
export function truthy(v: PyValue): boolean {
  if (v === null || v === false) return false;
  if (v === true) return true;
  switch (typeof v) {
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyDict) return v.size > 0;
  if (v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PySet) return v.items.size > 0;
  if (v instanceof PyRange) return v.length > 0n;
  return true;
}
