import type { PyValue } from '@shardwise/core';
import type { SyntaxNode } from '../syntax-node.js';
import { PyExceptionObject } from '../values/runtime-objects.js';

/**
 * A Python-level exception (KeyError, TypeError, …). Configs catch these with try/except, so they are
 * raised exactly where Python raises them; one that escapes the file becomes SW_PY_EXCEPTION.
 */
export class PyException extends Error {
  /** Where it was raised; filled in by the innermost statement that sees it. */
  node: SyntaxNode | undefined;
  constructor(readonly object: PyExceptionObject) {
    super(`${object.type}: ${object.args.map(String).join(', ')}`);
    this.name = 'PyException';
  }
}

export function pyError(type: string, ...args: PyValue[]): PyException {
  return new PyException(new PyExceptionObject(type, args));
}

/** The builtin exception hierarchy, child → parent, for `except LookupError:` and friends. */
export const EXCEPTION_PARENTS: Readonly<Record<string, string>> = {
  Exception: 'BaseException',
  ArithmeticError: 'Exception',
  ZeroDivisionError: 'ArithmeticError',
  OverflowError: 'ArithmeticError',
  LookupError: 'Exception',
  KeyError: 'LookupError',
  IndexError: 'LookupError',
  TypeError: 'Exception',
  ValueError: 'Exception',
  UnicodeError: 'ValueError',
  AttributeError: 'Exception',
  NameError: 'Exception',
  UnboundLocalError: 'NameError',
  AssertionError: 'Exception',
  RuntimeError: 'Exception',
  NotImplementedError: 'RuntimeError',
  RecursionError: 'RuntimeError',
  StopIteration: 'Exception',
  OSError: 'Exception',
  FileNotFoundError: 'OSError',
};

export function exceptionMatches(type: string, wanted: string): boolean {
  for (let t: string | undefined = type; t; t = EXCEPTION_PARENTS[t]) if (t === wanted) return true;
  return false;
}
