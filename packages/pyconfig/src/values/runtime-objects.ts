import { PyDict, PyLazy, PyOpaque, type PyValue } from '@shardwise/core';
import type { SyntaxNode } from '../syntax-node.js';
import type { Scope } from '../interpreter/scope.js';

/**
 * Runtime values the evaluator needs beyond the data model (functions, modules, ranges, sets, files,
 * iterators). They are PyOpaque so they can sit in the namespace; any that reach the result are reported
 * as not serializable, exactly the values OpenCompass fails to dump.
 */

/**
 * A dict that came through a read_base import (mmengine's ConfigDict): also reachable as attributes
 * (`d.abbr`, `d.abbr = x`), which plain dicts built in the file are not.
 */
export class ConfigDict extends PyDict {}

/** What a builtin function receives. `kwargs` keeps call order. */
export interface CallArgs {
  args: PyValue[];
  kwargs: ReadonlyMap<string, PyValue>;
}

/** The keywords of a call without any: one shared empty map instead of one per call. */
export const NO_KWARGS: ReadonlyMap<string, PyValue> = new Map();

export type NativeImpl = (call: CallArgs, node: SyntaxNode) => PyValue;

/** A builtin function or type; `typeName` makes it usable with isinstance(). */
export class PyBuiltin extends PyOpaque {
  constructor(
    readonly name: string,
    readonly impl: NativeImpl,
    readonly typeName?: string,
  ) {
    super('builtin', name);
  }
}

export interface ParamSpec {
  name: string;
  kind: 'positional' | 'varargs' | 'keyword-only' | 'varkw';
  defaultValue?: PyValue;
  hasDefault: boolean;
}

/** A `def` or `lambda`: parameters with defaults evaluated at definition time, and the defining scope. */
export class PyFunction extends PyOpaque {
  constructor(
    readonly name: string,
    readonly params: ParamSpec[],
    /** A block for `def`, an expression for `lambda`. */
    readonly body: SyntaxNode,
    readonly closure: Scope,
    readonly isLambda: boolean,
  ) {
    super(isLambda ? 'lambda' : 'function', name);
  }
}

/** A whitelisted stdlib module (os, os.path, math, copy, itertools, functools, typing). */
export class PyModule extends PyOpaque {
  constructor(
    readonly name: string,
    readonly attrs: ReadonlyMap<string, PyValue>,
  ) {
    super('module', name);
  }
}

/**
 * A name of the typing module (`List`, `Optional`, ...). Configs import them for annotations, which are
 * never evaluated; subscripting or calling one elsewhere is refused.
 */
export class PyTypingForm extends PyOpaque {
  constructor(readonly name: string) {
    super('other', `typing.${name}`);
  }
}

/** A lazily imported module (`import torch`): its attributes are lazy references `torch.x`. */
export class PyLazyModule extends PyLazy {
  constructor(module: string) {
    super(module, '');
  }
  override get dotted(): string {
    return this.module;
  }
}

export class PyRange extends PyOpaque {
  constructor(
    readonly start: bigint,
    readonly stop: bigint,
    readonly step: bigint,
  ) {
    super('other', 'range');
  }
  get length(): bigint {
    const { start, stop, step } = this;
    if (step > 0n) return stop > start ? (stop - start + step - 1n) / step : 0n;
    return start > stop ? (start - stop - step - 1n) / -step : 0n;
  }
  at(i: bigint): bigint {
    return this.start + i * this.step;
  }
}

/** A set: its elements are the keys of a PyDict (same hashing rules as dict keys). */
export class PySet extends PyOpaque {
  constructor(readonly items: PyDict = new PyDict()) {
    super('other', 'set');
  }
}

/** A one-shot iterator (zip, enumerate, map, generator expressions, iter()). */
export class PyIterator extends PyOpaque {
  constructor(
    readonly source: Iterator<PyValue>,
    label: string,
  ) {
    super('other', label);
  }
}

/** dict.keys()/values()/items(): live views of the dict. */
export class PyDictView extends PyOpaque {
  constructor(
    readonly dict: PyDict,
    readonly view: 'keys' | 'values' | 'items',
  ) {
    super('other', `dict_${view}`);
  }
}

/** A text file opened for reading inside the allowed trees; its content is read once at open(). */
export class PyFile extends PyOpaque {
  consumed = false;
  constructor(
    readonly path: string,
    readonly content: string,
  ) {
    super('other', 'file');
  }
}

/** A Python exception object (raised, caught, or bound by `except E as e`). */
export class PyExceptionObject extends PyOpaque {
  constructor(
    readonly type: string,
    readonly args: PyValue[],
  ) {
    super('other', type);
  }
}

/** `os.environ`: reads go to the injected environment map and are recorded. */
export class PyEnviron extends PyOpaque {
  constructor() {
    super('other', 'environ');
  }
}

/** mmengine's `read_base` (usable only as the first top-level `with read_base():`). */
export class PyReadBase extends PyOpaque {
  constructor() {
    super('other', 'read_base');
  }
}
