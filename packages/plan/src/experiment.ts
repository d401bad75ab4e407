import type { PyDict, PyValue } from '@shardwise/core';

/**
 * An OpenCompass experiment as the partitioners, tasks and summarizer see it, built from the
 * evaluated config namespace (`@shardwise/pyconfig`'s output, lazy references already dotted strings).
 */
export interface Experiment {
  /** The config file it was read from, when known. */
  configFile?: string;
  /** `work_dir` of the config, when set. */
  workDir?: string;
  models: ModelEntry[];
  datasets: DatasetEntry[];
  /** Effective partitioner of each stage, with CLI defaults filled in when the config has none. */
  infer: StageSetting;
  eval: StageSetting;
  /** The config's `summarizer` dict, when any. */
  summarizer?: PyDict;
  /** `model_dataset_combinations`, or one combination of all models × all datasets. */
  combinations: Combination[];
}

export interface ModelEntry {
  /** Real abbr (`abbr`, or derived per OpenCompass's rules): the results/ folder name. */
  abbr: string;
  /** Column header: `summarizer_abbr` when truthy, else `abbr`. */
  headerAbbr: string;
  config: PyDict;
}

export interface DatasetEntry {
  /** `abbr`, or derived from `path` and `name`. */
  abbr: string;
  config: PyDict;
  /** `n` (repeats), default 1. */
  n: number;
  /** `k`, default 1 (may be a list in configs that compute G-Pass@k). */
  k: PyValue;
  /** `reader_cfg.test_range` as written, undefined when absent. */
  testRange?: PyValue;
  /** Last dotted segment of `eval_cfg.evaluator.type`, undefined when none. */
  evaluatorType?: string;
  /** `infer_cfg.inferencer.type` as written (dotted string), undefined when none. */
  inferencerType?: string;
}

export interface StageSetting {
  stage: 'infer' | 'eval';
  /** Dotted type as written, or the module path the CLI fills in. */
  type: string;
  /** Last dotted segment: NaivePartitioner, NumWorkerPartitioner, SizePartitioner, … */
  kind: string;
  /** The config's partitioner arguments (without `type`). */
  args: PyDict;
  /** True when the config has no such stage and OpenCompass's CLI default was assumed. */
  assumed: boolean;
}

export interface Combination {
  models: ModelEntry[];
  datasets: DatasetEntry[];
}
