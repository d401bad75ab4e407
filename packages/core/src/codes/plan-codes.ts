import type { CodeTable } from './code-table.js';

/** Codes raised by @shardwise/plan. Add codes here; never rename or reuse one. */
export const planCodes = {
  // The experiment model (docs/opencompass.md §1.3, §3.1-§3.2)
  SW_PLAN_NO_MODELS: { severity: 'error', summary: 'the config defines no models' },
  SW_PLAN_NO_DATASETS: { severity: 'error', summary: 'the config defines no datasets' },
  SW_PLAN_ABBR_UNDERIVABLE: {
    severity: 'error',
    summary: 'a model or dataset has no abbr and nothing to derive one from (OpenCompass raises KeyError)',
  },
  SW_PLAN_ABBR_PATH: {
    severity: 'error',
    summary: "a model or dataset abbr is an absolute path or has '..' segments: its files would lie outside the run dir (left out)",
  },
  SW_PLAN_DUPLICATE_ABBR: { severity: 'warning', summary: 'two models or two datasets share one abbr, so they share output files' },
  SW_PLAN_COMBINATION_UNKNOWN: {
    severity: 'error',
    summary: 'model_dataset_combinations names an abbr missing from the top-level models/datasets',
  },
  SW_PLAN_DEFAULT_ASSUMED: { severity: 'info', summary: 'the config has no infer/eval stage; the OpenCompass CLI default was assumed' },
  SW_PLAN_PARTITIONER_UNMODELLED: { severity: 'warning', summary: 'a partitioner shardwise does not model; planned as unsplit' },
  SW_PLAN_PARTITIONER_ARG: { severity: 'error', summary: 'a partitioner argument OpenCompass rejects or crashes on' },
  SW_PLAN_TEST_RANGE: {
    severity: 'error',
    summary: 'a test_range the partitioner cannot use (int/float, explicit None, or not a slice chain)',
  },
  // Dataset sizes (§2.5, §3.7)
  SW_SIZE_UNKNOWN: { severity: 'error', summary: 'no source gives the size of a dataset the partitioner must split' },
  SW_SIZE_DISAGREE: { severity: 'error', summary: 'two size sources disagree about a dataset' },
  SW_SIZE_CACHE_DOUBLE_RANGE: {
    severity: 'error',
    summary: 'the size cache holds an already-ranged size, so OpenCompass applies test_range twice',
  },
  SW_SIZE_CACHE_UNREADABLE: { severity: 'error', summary: 'the dataset-size cache is not a JSON object of abbr → int' },
  // Holding a run dir against the plan (§4.2)
  SW_RUN_NO_CONFIG: { severity: 'error', summary: 'the run dir has no configs/*.py and no --config was given' },
  SW_PRED_UNREADABLE: { severity: 'error', summary: 'a prediction file is not a JSON object keyed "0".."N-1"' },
  SW_SHARD_MISSING: { severity: 'error', summary: 'an expected shard or output file is missing' },
  SW_SHARD_GAP: { severity: 'error', summary: 'a shard is missing before present ones: OpenCompass silently stops reading at the gap' },
  SW_SHARD_EXTRA: { severity: 'error', summary: 'shard files beyond the plan exist (stale shards OpenCompass would append)' },
  SW_SHARD_SIZE_MISMATCH: { severity: 'error', summary: 'a shard holds another number of rows than the plan gives it' },
  SW_SHARD_UNSPLIT_AND_SPLIT: { severity: 'warning', summary: 'the unsplit file and shard files exist together; the unsplit file wins' },
  SW_SHARD_OTHER_NUM_SPLIT: { severity: 'warning', summary: 'the shards on disk fit another num_split than the plan' },
  SW_ABBR_SHARD_COLLISION: { severity: 'warning', summary: 'an abbr ending in _<digits> reads as a shard name of another dataset' },
  // Pairing of the infer and eval stages and the summarizer (§4.2, §7.2; docs/metrics.md §5-§6)
  SW_PAIR_SPLIT_MISMATCH: { severity: 'error', summary: 'infer and eval are split differently: eval shard i would read another range' },
  SW_EVAL_SPLIT_REPEATED: {
    severity: 'error',
    summary: 'split eval of a dataset with n > 1 (per-shard eval crashes or is silently wrong)',
  },
  SW_EVAL_SPLIT_INVALID_EVALUATOR: { severity: 'error', summary: 'split eval with an evaluator that is invalid per shard' },
  SW_EVAL_SPLIT_KEYS_REFUSED: {
    severity: 'warning',
    summary:
      'split eval of a dataset whose metrics (some or all) the merge refuses by the rule table: only re-evaluating the merged predictions gives them',
  },
  SW_EVAL_SPLIT_UNREADABLE: {
    severity: 'error',
    summary: 'eval is split but the summarizer cannot read shard results (every cell would be -)',
  },
  SW_EVAL_SPLIT_UPSTREAM_MERGE: {
    severity: 'warning',
    summary:
      'the installed OpenCompass (PR #2451) merges result shards by a sample-weighted mean of every metric; names the split datasets that mean gets wrong',
  },
  SW_EVAL_SPLIT_UPSTREAM_UNKNOWN: {
    severity: 'warning',
    summary:
      "some split datasets' result shards carry PR #2451's _opencompass_meta and others do not: whether the summarizer merges shards is unknown, so it is assumed not to",
  },
  // Advice: a better setting with the plan it would give
  SW_ADVICE_MIN_TASK_SIZE: { severity: 'info', summary: 'shards sit at min_task_size; a larger min_task_size keeps small datasets whole' },
  SW_ADVICE_FEWER_SHARDS: { severity: 'info', summary: 'far more shards per dataset than workers to run them' },
  SW_ADVICE_SIZE_PARTITIONER: {
    severity: 'info',
    summary: 'NumWorker shards of very unequal datasets differ tenfold or more in size; SizePartitioner cuts by cost instead',
  },
  SW_ADVICE_NAIVE_EVAL: { severity: 'info', summary: 'eval is split for no gain; NaivePartitioner evaluates each dataset whole' },
} as const satisfies CodeTable;
