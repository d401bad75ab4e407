import type { PyDict, PyValue } from '@shardwise/core';
import type { ShardInput } from '../shard-input.js';

/** What a named formula sees: the key, every shard, and the keys merged so far (counts already summed). */
export interface RecomputeContext {
  key: string;
  /** Unsplit dataset abbr (details' example_abbr prefixes are rewritten to it). */
  abbr: string;
  shards: ShardInput[];
  /** Rows per shard, in shard order (N_i). */
  rows: number[];
  /** Result keys already merged by the A, A*, SUM, MAX, MIN and COPY rules. */
  merged: PyDict;
}

/** A value; `drop` leaves the key out of the merged file; `refuse` blocks the merge with a reason. */
export type RecomputeOutcome = { value: PyValue } | { drop: string } | { refuse: string };

export type Recompute = (ctx: RecomputeContext) => RecomputeOutcome;

/** A merged count as a JS number; undefined when absent or not numeric. */
export function mergedNumber(ctx: RecomputeContext, key: string): number | undefined {
  const v = ctx.merged.get(key);
  if (typeof v === 'bigint' || typeof v === 'number') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}
