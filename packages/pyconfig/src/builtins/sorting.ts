import type { PyValue } from '@shardwise/core';
import type { Runtime } from '../interpreter/runtime.js';
import type { SyntaxNode } from '../syntax-node.js';
import { pyCompare } from '../values/equality.js';
import { NO_KWARGS } from '../values/runtime-objects.js';
import { truthy } from '../values/truthiness.js';

/** sorted()/list.sort(): stable, `key=`, `reverse=` (which keeps equal items in their original order). */
export function sortValues(rt: Runtime, items: readonly PyValue[], key: PyValue, reverse: PyValue, node: SyntaxNode): PyValue[] {
  const keyed = items.map((v, i) => ({ v, i, k: key === null ? v : rt.call(key, [v], NO_KWARGS, node) }));
  const sign = truthy(reverse) ? -1 : 1;
  keyed.sort((a, b) => sign * pyCompare(a.k, b.k, '<') || a.i - b.i);
  return keyed.map((e) => e.v);
}
