import type { CodeTable } from './code-table.js';

/** Codes raised by @shardwise/merge. Add codes here; never rename or reuse one. */
export const mergeCodes = {
  SW_JSON_SYNTAX: { severity: 'error', summary: 'a JSON file written by OpenCompass is malformed' },
  SW_JSON_TRUNCATED: { severity: 'error', summary: 'a JSON file ends before its value is complete (an interrupted write)' },
  SW_JSON_DUPLICATE_KEY: { severity: 'warning', summary: 'a JSON object repeats a key; the last value wins, as in Python' },
  SW_RESULT_CHANGED: {
    severity: 'error',
    summary: 'a result file changed between two reads of one command (its details are read again when built)',
  },
  SW_MERGE_RULES_INVALID: { severity: 'error', summary: 'a shardwise.toml merge rule is invalid' },
  SW_MERGE_NEEDS_REEVAL: {
    severity: 'warning',
    summary: 'a metric cannot be rebuilt from shard results; re-evaluate the merged predictions',
  },
  SW_MERGE_REPEATED_SAMPLING: {
    severity: 'warning',
    summary: 'the dataset uses n > 1: shards cut across replicas, only re-evaluation is exact',
  },
  SW_MERGE_UNKNOWN_EVALUATOR: { severity: 'warning', summary: 'the evaluator is not in the rule table; re-evaluation is the safe default' },
  SW_MERGE_SHARD_MISSING: { severity: 'error', summary: 'a planned shard result file is missing' },
  SW_MERGE_SHARD_EXTRA: { severity: 'error', summary: 'a shard result file exists that the plan does not expect (stale run?)' },
  SW_MERGE_SHARD_ERROR: { severity: 'error', summary: 'a shard result holds an `error` key: its evaluation failed' },
  SW_MERGE_COUNT_MISMATCH: { severity: 'error', summary: 'sample counts of a shard disagree between the plan and the files' },
  SW_MERGE_KEYS_DIFFER: { severity: 'error', summary: 'shards report different metric keys in a way the rule table does not explain' },
  SW_MERGE_BAD_VALUE: { severity: 'error', summary: 'a metric value has a type the rule cannot merge' },
  SW_MERGE_NON_FINITE: {
    severity: 'warning',
    summary: 'a shard with rows holds a NaN/inf mean metric: no weighted mean equals the unsplit value; re-evaluate the merged predictions',
  },
  SW_MERGE_UNSPLIT_EXISTS: {
    severity: 'warning',
    summary: 'an unsplit result file already exists and was not written by shardwise; left alone',
  },
  SW_MERGE_STALE: {
    severity: 'error',
    summary:
      "a result shardwise merged is stale: a shard changed, was added or vanished since; re-merge with 'shardwise merge <run-dir> --write'",
  },
  SW_MERGE_ALREADY_MERGED: { severity: 'info', summary: 'the merged result on disk is identical to what the merge produces' },
  SW_MERGE_APPROXIMATE: { severity: 'info', summary: 'a merged metric is approximate (its source value was rounded)' },
  SW_MERGE_COUNT_INEXACT: {
    severity: 'info',
    summary:
      'a count-based metric was merged as the weighted mean: no integer count reproduces a shard value, so its last digits may differ from an unsplit evaluation',
  },
  SW_MERGE_KEY_UNLISTED: {
    severity: 'warning',
    summary: 'a metric no rule of its evaluator covers was left out of the merge; the metrics the rules cover are merged',
  },
  SW_MERGE_DETAILS_DROPPED: { severity: 'info', summary: 'not every shard dumped details, so the merged result has none' },
  SW_MERGE_PREDICTIONS_INCOMPLETE: {
    severity: 'error',
    summary: 'shard predictions are missing, gapped or miscounted: cannot prepare re-evaluation',
  },
  SW_SUMMARY_DIFFERENT_METRICS: {
    severity: 'error',
    summary: "models report different metric tuples for a dataset: OpenCompass's summarizer aborts",
  },
  SW_SUMMARY_GROUP_INVALID: {
    severity: 'error',
    summary: 'a summary group makes OpenCompass raise (mixed subset kinds, weight key not a subset)',
  },
  SW_SUMMARY_TRANSFORM_INVALID: { severity: 'error', summary: 'a summary-group transform is not an arithmetic expression in x' },
  SW_SUMMARY_SET_ORDER: {
    severity: 'warning',
    summary: "a group has several common metrics: OpenCompass's first row depends on PYTHONHASHSEED",
  },
  SW_SUMMARY_NO_METRIC: { severity: 'warning', summary: 'a result file has no numeric metric ("unknown result format")' },
  SW_SUMMARY_PROMPT_HASH: {
    severity: 'error',
    summary: 'the version hash cannot be computed (no infer_cfg.retriever, or unsortable keys)',
  },
  SW_SUMMARY_CONFIG_KEY: { severity: 'error', summary: 'the summarizer dict has a key DefaultSummarizer does not accept (TypeError)' },
} as const satisfies CodeTable;
