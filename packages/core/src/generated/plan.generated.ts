// Generated from schemas/plan.schema.json by packages/core/scripts/generate-types.ts. Do not edit:
// change the schema and run `pnpm gen:types` (a test fails when this file drifts).
import type { Issue } from './issue.generated.js';

/** What OpenCompass's partitioners will produce for each stage: tasks in creation order and every expected output file. Printed by `shardwise plan --json`. */
export interface Plan {
  stages: {
    infer?: StagePlan;
    eval?: StagePlan;
  };
  /** The dataset sizes the plan used, with where each came from. */
  sizes?: DatasetSize[];
  /** Defaults assumed because the dumped config does not record them (e.g. the CLI-filled infer partitioner). */
  assumptions?: string[];
  issues?: Issue[];
  [key: string]: unknown;
}

export interface StagePlan {
  partitioner: {
    /** Dotted type as in the config, e.g. opencompass.partitioners.NumWorkerPartitioner. */
    type: string;
    /** Effective arguments with defaults filled in. */
    args: {
      [key: string]: unknown;
    };
    /** True when the config does not define this stage and the CLI default was assumed. */
    assumed?: boolean;
  };
  tasks: PlannedTask[];
  files: PlannedFile[];
}

export interface PlannedTask {
  model: string;
  /** [abbr, test_range or null] per dataset chunk of the task, in order. */
  datasets: ([string, string | null])[];
}

export interface PlannedFile {
  /** Real model abbr (the folder name). */
  model: string;
  /** Unsplit dataset abbr. */
  dataset: string;
  /** Abbr of this file: the dataset abbr, or <abbr>_<i> for a shard. */
  abbr: string;
  /** Shard index, null when unsplit. */
  shard: number | null;
  /** First row (in the dataset after its own test_range and ×n). */
  start: number;
  /** One past the last row actually present. */
  end: number;
  /** Rows in this file: end - start. */
  size: number;
  /** Relative to the run dir: predictions/<m>/<abbr>.json or results/<m>/<abbr>.json. */
  path: string;
}

export interface DatasetSize {
  dataset: string;
  /** S: rows evaluated after ×n and the dataset's own test_range. */
  size: number;
  source: "predictions" | "shard-predictions" | "size-cache" | "cli" | "settings";
  /** The file the size was read from, when any. */
  file?: string;
}
