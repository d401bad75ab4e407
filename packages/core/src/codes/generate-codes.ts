import type { CodeTable } from './code-table.js';

/** Codes raised by @shardwise/generate. Add codes here; never rename or reuse one. */
export const generateCodes = {
  SW_RECORD_INVALID: { severity: 'error', summary: 'a reproducibility record is not valid JSON or violates record.schema.json' },
  SW_RECORD_VERSION_DRIFT: { severity: 'warning', summary: 'the record was written by another shardwise version' },
  SW_RECORD_CONFIG_DRIFT: { severity: 'error', summary: 'a config file of the read_base closure changed, disappeared or joined it' },
  SW_RECORD_PARTITIONER_DRIFT: { severity: 'error', summary: "a stage's partitioner settings differ from the record" },
  SW_RECORD_SIZE_DRIFT: { severity: 'error', summary: 'a dataset size (or where it came from) differs from the record' },
  SW_RECORD_SIZE_CACHE_DRIFT: { severity: 'error', summary: 'the dataset-size cache changed since the record' },
  SW_RECORD_PLAN_DRIFT: { severity: 'error', summary: 'the shard plan derived now differs from the recorded one' },
  SW_RECORD_FILE_CHANGED: { severity: 'error', summary: 'a prediction or result file changed since the record' },
  SW_RECORD_FILE_MISSING: { severity: 'error', summary: 'a prediction or result file of the record is gone' },
  SW_RECORD_FILE_ADDED: { severity: 'error', summary: 'a prediction or result file appeared that the record does not list' },
  SW_RECORD_RULES_DRIFT: { severity: 'error', summary: 'the merge-rule table changed since the record' },
  SW_RECORD_MERGE_DRIFT: { severity: 'error', summary: 'a merged result differs from the recorded one' },
  SW_RECORD_SUMMARIZER_DRIFT: { severity: 'error', summary: 'the summarizer config derived now differs from the record' },
  SW_GEN_STALE: { severity: 'error', summary: 'a generated file on disk differs from a fresh generation' },
  SW_GEN_MISSING: { severity: 'error', summary: 'a generated file is not on disk' },
  SW_GEN_NOTHING_SPLIT: { severity: 'info', summary: 'no dataset is split in the eval stage: the generated summarizer merges nothing' },
} as const satisfies CodeTable;
