/**
 * What the report shows about merging one model × dataset: the caller (the CLI) builds these from
 * the merge engine's dry run, so the report can name the merged score, the rule and the weight source
 * of every metric next to the shard coverage. Optional: a report without them shows coverage only.
 * The JSON report carries the same as `merges` (schemas/check-report.schema.json is their source).
 */
export type { CheckReportMerge as ReportMerge, CheckReportMergeMetric as ReportMergeMetric } from '@shardwise/core';
