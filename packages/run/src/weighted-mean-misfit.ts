import { entriesFor, evaluatorInfo, type RuleTable } from '@shardwise/merge';
import type { DatasetEntry } from '@shardwise/plan';

/**
 * Why a mean of shard values weighted by sample count (PR #2451's merge) is wrong for a dataset, read off the
 * merge-rule table: only rule A keys are sample means; S (corpus metrics), SUM (counts), A* (other weights), MAX,
 * MIN and R keys are not, nor is any metric of an evaluator invalid per shard or missing from the table.
 */
export function weightedMeanMisfit(rules: RuleTable): (ds: DatasetEntry) => string | undefined {
  return (ds) => {
    const ev = evaluatorInfo(ds);
    const entries = entriesFor(rules, ev);
    if (!entries.length) return ev.type ? `${ev.type} is not in the merge-rule table, so its metrics are not known to be sample means` : 'it has no evaluator';
    for (const e of entries) {
      if (e.shardEvalInvalid) return `${ev.type} is invalid per shard: ${e.shardEvalInvalid}`;
      const bad = e.refuseIfConfigHas?.find((k) => ev.configKeys.includes(k));
      if (bad) return `${ev.type} with ${bad} is invalid per shard`;
    }
    // The first entry listing a key decides it, as in the merge.
    const decided = new Map<string, string>();
    for (const e of entries) for (const k of e.keys) if (!decided.has(k.key)) decided.set(k.key, k.rule);
    const off = [...decided].filter(([, rule]) => rule !== 'A').map(([key, rule]) => `${key} is ${rule}`);
    return off.length ? `${ev.type}: ${off.join(', ')}` : undefined;
  };
}
