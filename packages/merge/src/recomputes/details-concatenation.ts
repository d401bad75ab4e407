import { PyDict, type PyValue } from '@shardwise/core';
import { DeferredValue, resolved } from '../py-json.js';
import { listLength } from '../shard-input.js';
import type { Recompute, RecomputeContext } from './recompute.js';

/**
 * docs/metrics.md §4.4. List form: concatenate in shard order, rewriting each `example_abbr` prefix
 * `<abbr>_<i>_` to `<abbr>_` (never split on `_`: abbrs contain underscores). format_details dict
 * form: one `type`, entries re-keyed "0".."N-1" with cumulative offsets. Kept only when every shard
 * has details.
 */
export const detailsConcatenation: Recompute = (ctx) => {
  const all = ctx.shards.map((s) => s.result?.get(ctx.key));
  if (all.some((d) => d === undefined)) return { drop: 'not every shard dumped details' };
  const lengths = all.map(listLength);
  if (lengths.every((n) => n !== undefined)) {
    // Concatenated when the merged file is written, not before: a dry run or a summary never builds them.
    const total = lengths.reduce((a, b) => a + b, 0);
    return {
      value: new DeferredValue(
        () =>
          concatList(
            ctx,
            all.map((d) => resolved(d) as PyValue[]),
          ).value,
        total,
      ),
    };
  }
  const built = all.map(resolved);
  if (built.every((d) => d instanceof PyDict)) return concatFormatDetails(built);
  return { refuse: 'details have different shapes across shards (list vs dict)' };
};

function concatList(ctx: RecomputeContext, lists: PyValue[][]) {
  const out: PyValue[] = [];
  lists.forEach((list, i) => {
    const from = `${ctx.shards[i]!.planned.abbr}_`;
    const to = `${ctx.abbr}_`;
    for (const entry of list) {
      const label = entry instanceof PyDict ? entry.get('example_abbr') : undefined;
      if (typeof label === 'string' && label.startsWith(from)) {
        const copy = new PyDict(entry as PyDict);
        copy.set('example_abbr', to + label.slice(from.length));
        out.push(copy);
      } else out.push(entry);
    }
  });
  return { value: out };
}

function concatFormatDetails(dicts: PyDict[]) {
  const out = new PyDict();
  const type = dicts[0]!.get('type');
  if (type !== undefined) out.set('type', type);
  let offset = 0;
  for (const [i, d] of dicts.entries()) {
    const rows = [...d.keys()].filter((k) => k !== 'type');
    for (let j = 0; j < rows.length; j++) {
      const v = d.get(String(j));
      if (v === undefined) return { refuse: `details of shard ${i} are not keyed "0".."${rows.length - 1}"` };
      out.set(String(offset + j), v);
    }
    offset += rows.length;
  }
  return { value: out };
}
