// Public face of @shardwise/generate.
export { renderCheckReport, type ReportFormat } from './render-check-report.js';
export { isOwnCheckReport, REPORT_GENERATOR } from './own-report.js';
export type { ReportMerge, ReportMergeMetric } from './report-merge.js';
export { buildRunRecord, planSha256, type RecordInputs } from './run-record.js';
export { diffRunRecords } from './record-drift.js';
export { digestRunFiles, recordPath, resolveRecordPath, sha256Hex } from './file-digest.js';
export { canonicalJson } from './canonical-json.js';
export {
  generateSummarizerFiles,
  modulePlanOf,
  tomlRulesOf,
  MODULE_FILE,
  CONFIG_FILE,
  type SummarizerInputs,
  type GeneratedFile,
  type ModulePlan,
  type ModuleMerge,
  type ModuleShard,
} from './summarizer-files.js';
export { summarizerConfig, summarizerSettings, SUMMARIZER_TYPE, type SummarizerSettings } from './summarizer-settings.js';
export { checkGeneratedFiles } from './generated-files-check.js';
