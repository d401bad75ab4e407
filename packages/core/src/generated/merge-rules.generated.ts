// Generated from schemas/merge-rules.schema.json by packages/core/scripts/generate-types.ts. Do not edit:
// change the schema and run `pnpm gen:types` (a test fails when this file drifts).
/** THE merge-rule table (docs/metrics.md §8-§10): evaluator type → metric key pattern → rule class. Read by @shardwise/merge and embedded verbatim into the generated Python summarizer. Lookup: formatKeys first; then the first evaluator entry whose `evaluator` (glob on the last dotted segment of eval_cfg.evaluator.type) and `postprocessor` (glob on the last segment of evaluator.dict_postprocessor.type; absent = any) match, first key rule whose glob matches; then `fallback` when the entry allows it; otherwise R. No entry at all → R (unknown evaluator). */
export interface MergeRules {
  $schema?: string;
  /** Bumped whenever a rule changes meaning. */
  version: number;
  description?: string;
  /** Keys every result file may carry whatever the evaluator (details, PR #2451 metadata). Consulted before the evaluator entry. */
  formatKeys: KeyRule[];
  evaluators: EvaluatorEntry[];
  /** docs/metrics.md §10: key-pattern rules for keys a known evaluator's entry does not list. */
  fallback: KeyRule[];
}

/** A: mean weighted by rows. A*: mean weighted by `weight`. SUM/MAX/MIN: over shards. S: `recompute` from merged statistics. D: `recompute` from concatenated details. R: cannot merge; re-evaluate merged predictions. COPY: non-numeric value, taken from shard 0. */
export type RuleClass = "A" | "A*" | "SUM" | "MAX" | "MIN" | "S" | "D" | "R" | "COPY";

export interface KeyRule {
  /** Metric key; `*` matches any run of characters (including none). */
  key: string;
  rule: RuleClass;
  weight?: Weight;
  /** For A keys that are a mean of a 0/1 value per row (docs/metrics.md §8): the evaluator's own arithmetic from the integer count of 1s and the shard's rows, e.g. `count / rows * 100` (np.mean(...) * 100, correct / total * 100) or `100 * correct / count`. Operands are `count`, `rows` and integer literals; `*` and `/` are evaluated left to right, as Python does. The merge recovers each shard's count from its value, checks that the formula reproduces the value bit for bit, and applies the formula to the summed counts and rows, so the merged value is the unsplit evaluation's; when no integer count reproduces a shard's value, the weighted mean is used and the sidecar says so. */
  countFormula?: string;
  /** Named formula (one module each in packages/merge/src/recomputes/) for S and D. */
  recompute?: "generic-llmjudge" | "bleu" | "cascade-stats" | "mbpp-score" | "total-correct-percent" | "details-concatenation" | "opencompass-meta" | "correct-percent-of-rows" | "correct-percent-of-details";
  /** The source value is rounded, so the merge can be off by half a unit of the rounding. */
  approximate?: boolean;
  /** Why this rule; shown when it refuses a merge. */
  reason?: string;
}

/** Where the A* weight w_i of shard i comes from. A shard with w_i = 0 gets weight 0 whatever its value. */
export interface Weight {
  /** samples: N_i. result-key: the shard's value of `key` (× N_i when timesSamples) × scale. details-length: entries of the shard's details (dict form: keys minus `type`). details-field-length: Σ over detail entries of len(entry[field…]) (one-element per-replica lists unwrapped). predictions-field-sum: Σ over the shard's prediction records of record[field]. */
  source: "samples" | "result-key" | "details-length" | "details-field-length" | "predictions-field-sum";
  key?: string;
  /** Dotted path inside a detail entry or a prediction record. */
  field?: string;
  timesSamples?: boolean;
  scale?: number;
}

export interface EvaluatorEntry {
  /** Glob on the last dotted segment of eval_cfg.evaluator.type. */
  evaluator: string;
  /** Glob on the last segment of evaluator.dict_postprocessor.type; absent = any. */
  postprocessor?: string;
  /** docs/metrics.md §5: per-shard evaluation itself is wrong; every key is R, with this reason. */
  shardEvalInvalid?: string;
  /** Keys of eval_cfg.evaluator whose presence makes per-shard evaluation invalid (e.g. dataset_cfg). */
  refuseIfConfigHas?: string[];
  /** False when the evaluator emits a number of detail entries other than one per row (docs/metrics.md §4.3): details length is then no cross-check of N_i. Default true. */
  detailsMatchRows?: boolean;
  /** Consult `fallback` for keys not listed here. Default true. */
  useFallback?: boolean;
  /** Where the rule comes from (docs/metrics.md section). */
  source?: string;
  keys: KeyRule[];
}
