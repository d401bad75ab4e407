// Public face of @shardwise/merge.
export {
  parsePyJson,
  stringifyPyJson,
  pythonJsonDumpsSorted,
  DeferredValue,
  resolved,
  materialized,
  type ParseOptions,
} from './py-json.js';
export {
  mergeDataset,
  evaluatorInfo,
  tomlRuleFor,
  type MergeDatasetInput,
  type MergeOutcome,
  type KeyDecision,
  type Refusal,
  type LeftOutKey,
} from './merge-dataset.js';
export { compileCountFormula, countMerge, type CountMerge } from './count-exact.js';
export {
  mergeRun,
  mergeRunEach,
  writeMerge,
  replaceable,
  type MergeReadOptions,
  type RunMergeOutcome,
  type PlannedWrite,
} from './merge-run.js';
export { readResultObject, readResultTop, type ResultObjectRead, type ResultTopRead } from './result-file.js';
export { mergeStateOf, mergeStates, sidecarPath, replaceRefusal } from './merge-state.js';
export { planReevaluation, type Reevaluation } from './reevaluation.js';
export { shardRows, type ShardRows, type CountSource } from './sample-counts.js';
export type { ShardInput } from './shard-input.js';
export { recomputes, type Recompute, type RecomputeContext, type RecomputeOutcome } from './recomputes/index.js';
export {
  summarize,
  type SummaryInput,
  type SummaryOutput,
  type LeftOutMetrics,
  type DashReason,
  type DashKind,
} from './summary/default-summarizer.js';
export { summarizeRun } from './summary/summarize-run.js';
export { promptHash } from './summary/prompt-hash.js';
export { tabulateSimple } from './summary/tabulate-simple.js';
export { displayWidth } from './summary/display-width.js';
export { compileTransform, TransformError, type Transform } from './summary/transform-expression.js';
export { upstreamSplitMerge } from './upstream-split-merge.js';
