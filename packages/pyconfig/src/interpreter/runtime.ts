import type { PyValue } from '@shardwise/core';
import type { Limits } from '../limits.js';
import type { SyntaxNode } from '../syntax-node.js';
import type { EnvironmentLayer } from '../environment-layer.js';

/** What builtins and methods may ask of the evaluator: call a value, iterate, respect the bounds. */
export interface Runtime {
  readonly limits: Limits;
  readonly environment: EnvironmentLayer;
  call(fn: PyValue, args: PyValue[], kwargs: ReadonlyMap<string, PyValue>, node: SyntaxNode): PyValue;
  iterate(v: PyValue, node: SyntaxNode): Iterable<PyValue>;
  toList(v: PyValue, node: SyntaxNode): PyValue[];
}
