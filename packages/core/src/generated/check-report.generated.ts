// Generated from schemas/check-report.schema.json by packages/core/scripts/generate-types.ts. Do not edit:
// change the schema and run `pnpm gen:types` (a test fails when this file drifts).
import type { Issue } from './issue.generated.js';
import type { DatasetSize } from './plan.generated.js';

/** A run dir held against the plan derived from its config: written by `shardwise check --report FILE.json`, rendered as Markdown/HTML by `renderCheckReport`. */
export interface CheckReport {
  /** The run dir checked, <work_dir>/<timestamp>. */
  runDir: string;
  /** The config the plan was derived from (the newest configs/*.py unless --config). */
  configFile: string;
  pairing: Pairing;
  stages: {
    infer: StageSummary;
    eval: StageSummary;
  };
  /** The dataset sizes the plan used, with their sources. */
  sizes: DatasetSize[];
  /** Defaults assumed because the dumped config does not record them. */
  assumptions: string[];
  /** One entry per model × dataset the plan expects, in plan order. */
  pairs: PairReport[];
  totals: Totals;
  /** Every finding, in the order found. */
  issues: Issue[];
  /** Better settings, each with the plan it would give. */
  advice: Advice[];
  /** What merging gives per model × dataset, in pair order (written with --report; absent from older reports): the merge's dry run for datasets split at eval, the result file as is for unsplit ones. A pair with neither has no entry. */
  merges?: ReportMerge[];
}

export interface ReportMerge {
  /** Real model abbr. */
  model: string;
  /** Unsplit dataset abbr. */
  dataset: string;
  /** merged: combined from shards; unsplit: one result file, read as is; refused: cannot be merged from shards. */
  status: "merged" | "unsplit" | "refused";
  /** Numeric keys of the (merged) result in its key order; the first is the score the report shows. Empty when refused. */
  metrics: ReportMergeMetric[];
  /** Why the merge was refused (its code first), and what to do instead. */
  reason?: string;
}

export interface ReportMergeMetric {
  name: string;
  /** null when not a finite number. */
  value: number | null;
  /** Rule class applied: A, A*, SUM, MAX, MIN, S, D, COPY (~ appended when approximate); COPY for an unsplit result. */
  rule: string;
  /** Where the weights of A / A* came from: plan (rows), or the rule table's weight source. */
  weightSource?: string;
}

/** Whether the infer and eval stages fit together and whether the summarizer can read what eval writes. */
export interface Pairing {
  /** Some dataset is split in the infer stage. */
  inferSplit: boolean;
  /** Some dataset is split in the eval stage. */
  evalSplit: boolean;
  /** Every dataset split in eval is split identically in infer (eval shard i reads the range it evaluates). */
  sameSplit: boolean;
  /** The configured summarizer reads <abbr>_<i> result files (the stock DefaultSummarizer does not). */
  summarizerReadsShards: boolean;
  /** The summarizer type assumed (DefaultSummarizer when the config has none). */
  summarizer?: string;
  /** ok: the stages fit; eval-split-unreadable: eval is split and the summarizer cannot read shards (every cell `-`); split-mismatch: eval shards would read other ranges than infer wrote; eval-split-invalid: split eval of n > 1 datasets or per-shard-invalid evaluators. */
  verdict: "ok" | "eval-split-unreadable" | "split-mismatch" | "eval-split-invalid";
  /** The verdict in one sentence, with the fix when not ok. */
  message: string;
}

export interface StageSummary {
  partitioner: {
    /** Dotted type as in the config, or the module path the CLI fills in. */
    type: string;
    /** Effective arguments with defaults filled in. */
    args: {
      [key: string]: unknown;
    };
  };
  /** The config has no such stage; OpenCompass's CLI default was assumed. */
  assumed: boolean;
  /** Tasks the partitioner creates (full plan, nothing skipped). */
  tasks: number;
  /** Output files the stage must produce. */
  files: number;
  /** Model × dataset pairs split into shards. */
  splitDatasets: number;
}

export interface PairReport {
  /** Real model abbr (the folder name). */
  model: string;
  /** Unsplit dataset abbr. */
  dataset: string;
  /** S, the rows evaluated; null when unknown. */
  size: number | null;
  infer: StageFiles;
  eval: StageFiles;
}

/** Expected vs observed files of one stage for one model × dataset (predictions/ for infer, results/ for eval). */
export interface StageFiles {
  /** The plan splits this dataset in this stage. */
  split: boolean;
  /** Expected files in shard order, then files on disk beyond the plan. */
  files: FileReport[];
  /** Fraction of the expected rows held by present files of the right size. */
  coverage: number;
}

export interface FileReport {
  /** <abbr>_<i> for a shard, the dataset abbr when unsplit. */
  abbr: string;
  /** Shard index, null for the unsplit file. */
  shard: number | null;
  /** Relative to the run dir. */
  path: string;
  /** The test_range the partitioner gives this file (null when unsplit without a range). */
  range?: string | null;
  /** First planned row. */
  start?: number;
  /** One past the last planned row. */
  end?: number;
  /** Rows the plan puts in this file (absent for files beyond the plan). */
  expectedRows?: number;
  /** present: expected and consistent; missing: expected, not on disk; extra: on disk, not in the plan; stale: expected and on disk, but its rows disagree with the plan (another plan or an older run). */
  status: "present" | "missing" | "extra" | "stale";
  /** Rows observed (keys of a prediction file), when read. */
  rows?: number;
  /** File size on disk. */
  bytes?: number;
}

export interface Totals {
  expected: number;
  present: number;
  missing: number;
  extra: number;
  stale: number;
  errors: number;
  warnings: number;
}

/** A plan summarized for comparison. */
export interface PlanDigest {
  /** Tasks per stage (both stages together when the advice concerns both). */
  tasks: number;
  /** Output files of the stage. */
  files: number;
  splitDatasets: number;
  /** Rows of the smallest shard, null when nothing is split. */
  smallestShard: number | null;
  /** Rows of the largest shard, null when nothing is split. */
  largestShard: number | null;
}

export interface Advice {
  /** The advice issue code that raised it. */
  code: string;
  stage: "infer" | "eval";
  /** Why the current setting buys little. */
  reason: string;
  /** The suggested partitioner, as it would be written in the config (or the CLI flag). */
  setting: {
    type: string;
    args: {
      [key: string]: unknown;
    };
    /** The command-line form when the setting is a flag (e.g. --max-num-workers 4). */
    cli?: string;
  };
  current: PlanDigest;
  proposed: PlanDigest;
}
