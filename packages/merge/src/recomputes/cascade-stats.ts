import { PyDict, pyRepr } from '@shardwise/core';
import { unwrapReplica } from '../shard-input.js';
import type { Recompute } from './recompute.js';

const COUNTS = ['total_samples', 'rule_correct', 'llm_evaluated', 'llm_correct', 'final_correct'];
/**
 * ratio key → [numerator, denominator]; written as numerator / denominator · 100, 0.0 when empty.
 * A Map: cascade_stats keys are data, and a plain object would also "have" `constructor`, `toString`…
 */
const RATIOS = new Map<string, [string, string]>([
  ['rule_accuracy', ['rule_correct', 'total_samples']],
  ['llm_accuracy', ['llm_correct', 'llm_evaluated']],
  ['final_accuracy', ['final_correct', 'total_samples']],
]);

/**
 * CascadeEvaluator's `cascade_stats` (a one-element per-replica list of a dict): counts summed,
 * ratios recomputed, other keys (parallel_mode) copied from shard 0 when every shard agrees.
 */
export const cascadeStats: Recompute = (ctx) => {
  const dicts = ctx.shards.map((s) => unwrapReplica(s.result?.get(ctx.key)));
  if (!dicts.every((d): d is PyDict => d instanceof PyDict)) return { refuse: 'cascade_stats is not a dict in every shard' };
  const wrapped = Array.isArray(ctx.shards[0]!.result?.get(ctx.key));
  const out = new PyDict();
  const sums = new Map<string, number>();
  for (const [k, v0] of dicts[0]!) {
    if (typeof k !== 'string') return { refuse: 'cascade_stats has a non-string key' };
    if (COUNTS.includes(k)) {
      let s = 0n;
      for (const d of dicts) {
        const v = d.get(k);
        if (typeof v !== 'bigint') return { refuse: `cascade_stats.${k} is not an integer in every shard` };
        s += v;
      }
      sums.set(k, Number(s));
      out.set(k, s);
    } else if (RATIOS.has(k)) out.set(k, 0);
    else {
      if (!dicts.every((d) => d.has(k) && pyRepr(d.get(k)!) === pyRepr(v0))) return { refuse: `cascade_stats.${k} differs across shards` };
      out.set(k, v0);
    }
  }
  for (const [k, [n, d]] of RATIOS) {
    if (!out.has(k)) continue;
    const den = sums.get(d);
    const numr = sums.get(n);
    if (den === undefined || numr === undefined) return { refuse: `cascade_stats lacks ${n} or ${d}` };
    out.set(k, den > 0 ? (numr / den) * 100 : 0.0);
  }
  return { value: wrapped ? [out] : out };
};
