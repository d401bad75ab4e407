/**
 * What the report shows about merging one model × dataset: the caller (the CLI) builds these from
 * the merge engine's dry run, so the report can name the merged score, the rule and the weight source
 * of every metric next to the shard coverage. Optional: a report without them shows coverage only.
 */
export interface ReportMerge {
  model: string;
  dataset: string;
  /** merged: combined from shards; unsplit: one result file, read as is; refused: cannot be merged from shards. */
  status: 'merged' | 'unsplit' | 'refused';
  /** In the result's key order; the first is the one the summary table shows by default. */
  metrics: ReportMergeMetric[];
  /** Why a merge was refused, and what to do instead. */
  reason?: string;
}

export interface ReportMergeMetric {
  name: string;
  /** null when the value is not a number (or the merge was refused). */
  value: number | null;
  /** Rule class applied: A, A*, SUM, MAX, MIN, S, D, R, COPY. */
  rule: string;
  /** Where the weights came from: plan, predictions, num_samples, details, … */
  weightSource?: string;
}
