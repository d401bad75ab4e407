export { issue, hasErrors, ShardwiseError, type Issue, type IssueFields, type Severity } from './issue.js';
export { issueCodes, isIssueCode, codeInfo, type IssueCode, type CodeInfo } from './codes/index.js';
export { renderIssue, renderIssues, issueTally, type RenderOptions } from './render-issues.js';
export { validateAgainst, type SchemaProblem } from './schema-registry.js';
export { discoverSettings, findSettingsFile, loadSettings, SETTINGS_FILE, type ProjectSettings } from './project-settings.js';
export { writeFileAtomic, type WriteOptions } from './atomic-write.js';
export { assetPath, assetRoot, schemasDir, templatesDir, ASSET_LAYOUT, type AssetName } from './assets.js';
export type { ShardwiseToml, MergeRule } from './generated/shardwise-toml.generated.js';
export type { CommandOutput } from './generated/command-output.generated.js';
export {
  PyDict,
  PyTuple,
  PyLazy,
  PyOpaque,
  pyDict,
  dig,
  sequenceItems,
  toPlainJson,
  toJsNumber,
  isDict,
  isList,
  isTuple,
  isInt,
  isFloat,
  isPyNumber,
  type PyValue,
  type PyKey,
} from './py-value.js';
export { pyFloatRepr, pyFormatFixed, pyRound, pyRepr, pyStr, pyStrRepr } from './python-format.js';
export { compareCodePoints, escapeJsonString, HAS_SURROGATE, jsonFloat, pyJsonKey, pyJsonText, type PyJsonOptions } from './python-json.js';
export type { Plan, StagePlan, PlannedTask, PlannedFile, DatasetSize } from './generated/plan.generated.js';
export type {
  CheckReport,
  Pairing as CheckPairing,
  StageSummary as CheckStageSummary,
  PairReport as CheckPairReport,
  StageFiles as CheckStageFiles,
  FileReport as CheckFileReport,
  Totals as CheckTotals,
  PlanDigest,
  Advice as CheckAdvice,
} from './generated/check-report.generated.js';
export type { MergeRules, KeyRule, EvaluatorEntry, RuleClass, Weight as MergeWeight } from './generated/merge-rules.generated.js';
export type {
  RunRecord,
  RunOptions as RecordRunOptions,
  FileDigest as RecordFileDigest,
  Partitioner as RecordPartitioner,
  MergedResult as RecordMergedResult,
} from './generated/record.generated.js';
export type { MergeSidecar } from './generated/merge-sidecar.generated.js';
export type { ReportMerge as CheckReportMerge, ReportMergeMetric as CheckReportMergeMetric } from './generated/check-report.generated.js';
export { isJsonSpace, stringEnd } from './json-text.js';
export {
  loadMergeRules,
  mergeRulesPath,
  resolveRule,
  entriesFor,
  detailsMatchRows,
  evaluatorInfoOf,
  evaluatorVerdict,
  verdictOf,
  weightedMeanMisfit,
  type RuleTable,
  type EvaluatorInfo,
  type ResolvedRule,
  type RuleOrigin,
  type KeyVerdict,
  type KeyVerdictKind,
  type EvaluatorVerdict,
} from './merge-rules.js';
export { readRunFile, realPathInRun, RunTree, type RunFileBytes, type RunFileRead } from './run-tree-file.js';
export type {
  RunStatus as RunStatusJson,
  StageName,
  TaskState,
  OutputState,
  StageStatus,
  ModelStageStatus,
  TaskStatus,
  TaskOutput,
  ResumeCommand,
} from './generated/run-status.generated.js';
export { ownValue, setOwn } from './own-property.js';
export { fnmatch } from './fnmatch.js';
export { mergeStateKey, ownMerge, staleMessage, STALE_FIX, type MergeFolder, type MergeState } from './merge-state.js';
export type { UpstreamSplitMerge } from './upstream-split-merge.js';
