// Generated from schemas/shardwise-toml.schema.json by packages/core/scripts/generate-types.ts. Do not edit:
// change the schema and run `pnpm gen:types` (a test fails when this file drifts).
/** Project settings read from shardwise.toml (found next to the config or run dir, or in a parent folder). */
export interface ShardwiseToml {
  /** Where OpenCompass lives, so `opencompass.configs.…` read_base imports resolve. */
  opencompass?: {
    /** Folder that holds the `opencompass/` package (a checkout or site-packages). Relative to shardwise.toml. */
    root?: string;
    /** The `--max-num-workers` the runs were launched with (fills NumWorkerPartitioner when the config has no `infer`). Default 1. */
    max_num_workers?: number;
  };
  /** Environment variables visible to `os.environ.get` in configs. The real environment is never read. */
  env?: {
    [key: string]: string;
  };
  /** Dataset sizes, the last source consulted. */
  sizes?: {
    /** Path of OpenCompass's dataset-size cache (default `.cache/dataset_size.json` next to the work dir's launch folder). */
    cache?: string;
    /** Rows per dataset abbr, as `len(dataset.test)` before any test_range. */
    datasets?: {
      [key: string]: number;
    };
  };
  merge?: {
    /** Extra merge rules, consulted before the built-in table. */
    rules?: MergeRule[];
  };
}

/** Evaluator type (last dotted segment) and metric key pattern mapped to a rule class. */
export interface MergeRule {
  /** Last segment of eval_cfg.evaluator.type, e.g. `AccEvaluator`. */
  evaluator: string;
  /** Metric key, a Python fnmatch pattern (`*`, `?`, `[seq]`). */
  key: string;
  /** Rule class (see the merge-rules table). */
  rule: "A" | "A*" | "SUM" | "MAX" | "MIN" | "S" | "D" | "R" | "COPY";
  /** For A*: the key or detail field that holds the weight. */
  weight?: string;
  /** Why, shown when the rule refuses a merge. */
  reason?: string;
}
