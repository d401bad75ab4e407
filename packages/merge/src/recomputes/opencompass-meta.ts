import { PyDict } from '@shardwise/core';
import type { Recompute } from './recompute.js';

/** PR #2451's `_opencompass_meta`: num_samples summed (what an unsplit eval under the PR writes). */
export const opencompassMeta: Recompute = (ctx) => {
  const metas = ctx.shards.map((s) => s.result?.get(ctx.key));
  if (!metas.every((m): m is PyDict => m instanceof PyDict && typeof m.get('num_samples') === 'bigint'))
    return { drop: '_opencompass_meta.num_samples is not an integer in every shard' };
  const out = new PyDict(metas[0]);
  out.set(
    'num_samples',
    metas.reduce((s, m) => s + (m.get('num_samples') as bigint), 0n),
  );
  return { value: out };
};
