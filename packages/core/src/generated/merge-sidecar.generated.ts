// Generated from schemas/merge-sidecar.schema.json by packages/core/scripts/generate-types.ts. Do not edit:
// change the schema and run `pnpm gen:types` (a test fails when this file drifts).
/** Provenance of a merged result, written next to it as results/<m>/<abbr>.shardwise.json (OpenCompass reads only <abbr>.json, so it never sees this file). Holds no time stamp: merging twice gives the same bytes. */
export interface MergeSidecar {
  tool: {
    name: "shardwise";
    rulesVersion: number;
    /** sha256 of schemas/merge-rules.json as used. */
    rulesSha256: string;
  };
  model: string;
  dataset: string;
  /** Last segment of eval_cfg.evaluator.type. */
  evaluator: string | null;
  postprocessor?: string;
  result: {
    path: string;
    sha256: string;
  };
  shards: {
    shard: number;
    abbr: string;
    /** Run-relative path of the shard result. */
    path: string;
    sha256: string;
    bytes: number;
    /** N_i used as the sample weight. */
    rows: number;
    rowSource: "plan";
    checks: {
      source: "predictions" | "opencompass-meta" | "details" | "format-details";
      value: number;
      agrees: boolean;
    }[];
  }[];
  /** Rule applied to every key of the merged result, in file order. */
  keys: {
    key: string;
    rule: "A" | "A*" | "SUM" | "MAX" | "MIN" | "S" | "D" | "R" | "COPY";
    origin: "format" | "evaluator" | "fallback" | "not-listed" | "unknown-evaluator" | "shard-eval-invalid" | "config-invalid" | "non-numeric-copy";
    reason?: string;
    approximate?: boolean;
    recompute?: string;
    /** The A* weight source, as JSON. */
    weight?: string;
    /** The evaluator's arithmetic (merge-rules `countFormula`) the key was merged by, from per-shard integer counts. */
    countFormula?: string;
    /** Per shard, the integer count recovered from its value; the merged value is countFormula over their sum and the summed rows, bit for bit the unsplit evaluation's. */
    counts?: number[];
    /** Why a key with a countFormula was merged as the weighted mean (no integer count reproduces a shard's value): its last digits may differ from an unsplit evaluation. */
    countFallback?: string;
  }[];
  /** Keys of the shard results that no rule of the evaluator covers, left out of the merged result (the other keys are merged). */
  leftOut?: {
    key: string;
    reason: string;
    /** The shardwise.toml [[merge.rules]] entry that would merge it as a mean over rows. */
    tomlRule: string;
  }[];
}
