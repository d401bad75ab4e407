// Public face of @shardwise/generate.
export { renderCheckReport, type ReportFormat } from './render-check-report.js';
export type { ReportMerge, ReportMergeMetric } from './report-merge.js';
