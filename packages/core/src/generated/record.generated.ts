// Generated from schemas/record.schema.json by packages/core/scripts/generate-types.ts. Do not edit:
// change the schema and run `pnpm gen:types` (a test fails when this file drifts).
import type { DatasetSize } from './plan.generated.js';

/** A reproducibility record of one OpenCompass run dir, written by `shardwise record` and recomputed by `shardwise verify`. Paths inside the run dir are relative to it, so a copied run dir verifies with --run-dir. Deterministic: no timestamps. */
export interface RunRecord {
  /** Version of this record format: 2 adds runOptions (a version-1 record has none and still verifies). */
  schemaVersion: 1 | 2;
  /** The shardwise version that wrote the record. */
  shardwiseVersion: string;
  /** Absolute path of the run dir <work_dir>/<timestamp> when recorded. */
  runDir: string;
  /** The config the plan was derived from: relative to the run dir when inside it, else absolute. */
  configFile: string;
  /** The config file and its whole read_base closure, in reading order. */
  configFiles: FileDigest[];
  partitioners: {
    infer: Partitioner;
    eval: Partitioner;
  };
  /** Dataset sizes the plan used, with their sources. */
  sizes: DatasetSize[];
  /** Every dataset-size cache file a size was read from. */
  sizeCaches: FileDigest[];
  /** sha256 of the canonical JSON (sorted keys, no spaces) of the plan's stages. */
  planSha256: Sha256;
  /** Every file under predictions/ and results/, sorted by path. */
  files: FileDigest[];
  /** The merge-rule table (schemas/merge-rules.json of the shardwise that wrote the record). */
  ruleTable: FileDigest;
  /** What the merge produces for every model × dataset split in eval (dry run), in plan order. */
  merged: MergedResult[];
  /** The summarizer dict `shardwise gen` writes into summarizer_config.py (type, dataset_abbrs, summary_groups). */
  summarizer: {
    [key: string]: unknown;
  };
  /** The run options given when recording (not those shardwise.toml gives): verify reuses them unless its own command line overrides them. */
  runOptions?: RunOptions;
}

export interface RunOptions {
  /** --config: relative to the run dir when inside it, else absolute. */
  config?: string;
  /** --oc-root, absolute. */
  ocRoot?: string;
  /** --env KEY=VALUE. */
  env?: {
    [key: string]: string;
  };
  /** --size ABBR=N. */
  sizes?: {
    [key: string]: number;
  };
  /** --dataset-size: relative to the run dir when inside it, else absolute. */
  datasetSize?: string;
  /** --max-num-workers. */
  maxNumWorkers?: number;
}

export type Sha256 = string;

export interface FileDigest {
  /** Relative to the run dir when inside it, else absolute. */
  path: string;
  bytes: number;
  sha256: Sha256;
}

export interface Partitioner {
  /** Dotted type as in the config, or the module path the CLI fills in. */
  type: string;
  /** Effective arguments, defaults filled in. */
  args: {
    [key: string]: unknown;
  };
  /** The config has no such stage; OpenCompass's CLI default was assumed. */
  assumed: boolean;
}

export interface MergedResult {
  model: string;
  dataset: string;
  /** merged: a whole-dataset result was built from the shards; refused: it cannot be, see codes. */
  status: "merged" | "refused";
  /** sha256 of the merged file's bytes as the merge writes them; null when refused. */
  sha256: Sha256 | null;
  /** Top-level numeric metrics of the merged result (non-finite values as the strings nan, inf, -inf). */
  metrics?: {
    [key: string]: number | string | null;
  };
  /** Issue codes of a refusal. */
  codes?: string[];
}
