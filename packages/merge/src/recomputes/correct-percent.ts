import { PyDict, type PyValue } from '@shardwise/core';
import { shardDetails, unwrapReplica } from '../shard-input.js';
import type { Recompute, RecomputeContext } from './recompute.js';

const CORRECT_FIELDS = ['correct', 'is_correct', 'cascade_correct'];

/** Per-row correctness of a detail entry (first of correct / is_correct / cascade_correct). */
function correctness(entry: PyValue): boolean | undefined {
  if (!(entry instanceof PyDict)) return undefined;
  for (const f of CORRECT_FIELDS) {
    const v = unwrapReplica(entry.get(f));
    if (typeof v === 'boolean') return v;
  }
  return undefined;
}

/** D: 100 · Σcorrect / denominator over the concatenated details of all shards. */
function correctPercent(denominator: 'rows' | 'details'): Recompute {
  return (ctx: RecomputeContext) => {
    let correct = 0;
    let entries = 0;
    for (const s of ctx.shards) {
      const d = shardDetails(s);
      const list = Array.isArray(d) ? d : d instanceof PyDict ? [...d].filter(([k]) => k !== 'type').map(([, v]) => v) : undefined;
      if (!list) return { refuse: `shard ${s.planned.shard} has no details to recompute ${ctx.key} from` };
      for (const e of list) {
        const c = correctness(e);
        if (c === undefined) return { refuse: `a detail entry of shard ${s.planned.shard} has no correct/is_correct flag` };
        correct += c ? 1 : 0;
        entries++;
      }
    }
    const den = denominator === 'rows' ? ctx.rows.reduce((a, b) => a + b, 0) : entries;
    if (den === 0) return { refuse: 'no rows' };
    return { value: (100 * correct) / den };
  };
}

export const correctPercentOfRows = correctPercent('rows');
export const correctPercentOfDetails = correctPercent('details');
