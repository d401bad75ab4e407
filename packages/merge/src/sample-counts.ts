import { issue, PyDict, type Issue } from '@shardwise/core';
import { listLength, type ShardInput } from './shard-input.js';
import { resolved } from './py-json.js';

/** docs/metrics.md §2: where a shard's row count can be cross-checked, after the plan (priority 1). */
export type CountSource = 'predictions' | 'opencompass-meta' | 'details' | 'format-details';

export interface ShardRows {
  shard: number;
  /** N_i used by the merge: always the plan's size (priority 1). */
  rows: number;
  source: 'plan';
  /** Every other source that was available, with its value. */
  checks: { source: CountSource; value: number; agrees: boolean }[];
}

/**
 * N_i from the plan, cross-checked against the shard's prediction keys, `_opencompass_meta.num_samples`,
 * the details list (only when the evaluator emits one entry per row) and format_details entries.
 * Any disagreement is an SW_MERGE_COUNT_MISMATCH issue: the merge must refuse.
 */
export function shardRows(
  shard: ShardInput,
  detailsPerRow: boolean,
  where: { model: string; abbr: string },
): { rows: ShardRows; issues: Issue[] } {
  const rows = shard.planned.size;
  const checks: ShardRows['checks'] = [];
  const add = (source: CountSource, value: number | undefined) =>
    value !== undefined && checks.push({ source, value, agrees: value === rows });
  add('predictions', shard.predictionRows === null ? undefined : (shard.predictionRows ?? shard.predictions?.size));
  const meta = shard.result?.get('_opencompass_meta');
  const metaRows = meta instanceof PyDict ? meta.get('num_samples') : undefined;
  add('opencompass-meta', typeof metaRows === 'bigint' ? Number(metaRows) : undefined);
  // A details list is counted without being built; only a dict (format_details) is built.
  const details = shard.result?.get('details');
  const length = listLength(details);
  if (length !== undefined && detailsPerRow) add('details', length);
  const dict = length === undefined ? resolved(details) : undefined;
  if (dict instanceof PyDict && dict.has('type')) add('format-details', dict.size - 1);
  const issues = checks
    .filter((c) => !c.agrees)
    .map((c) =>
      issue('SW_MERGE_COUNT_MISMATCH', `shard ${shard.planned.shard} has ${c.value} rows by ${c.source} but the plan expects ${rows}`, {
        file: shard.file,
        model: where.model,
        abbr: where.abbr,
        hint: 'the shard comes from another split (stale files or a changed dataset size): re-run it, or re-plan with the right size (--size)',
      }),
    );
  return { rows: { shard: shard.planned.shard ?? 0, rows, source: 'plan', checks }, issues };
}
