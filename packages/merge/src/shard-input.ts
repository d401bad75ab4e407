import type { PlannedFile, PyDict, PyValue } from '@shardwise/core';
import { PyDict as Dict, isPyNumber, toJsNumber } from '@shardwise/core';

/** One planned eval shard of a model × dataset, as read from disk. */
export interface ShardInput {
  /** The plan's entry for this eval shard (index, abbr, rows). */
  planned: PlannedFile;
  /** Run-relative path of the shard's result file. */
  file: string;
  /** Parsed result; undefined when the file is missing or unreadable. */
  result?: PyDict;
  /** Parsed `predictions/<m>/<shard abbr>.json`, when present (count cross-check, A* weights). */
  predictions?: PyDict;
}

/** Python's `isinstance(v, (int, float))` (bool included): what the summarizer treats as a metric. */
export const isMetricValue = (v: PyValue | undefined): v is bigint | number | boolean => v !== undefined && isPyNumber(v);

export const num = (v: bigint | number | boolean): number => toJsNumber(v);

/** Path A writes non-numeric values as one-element per-replica lists; this reads through them. */
export function unwrapReplica(v: PyValue | undefined): PyValue | undefined {
  return Array.isArray(v) && v.length === 1 ? v[0] : v;
}

/** `entry[a][b]…`, unwrapping per-replica lists at every step. */
export function digUnwrapped(v: PyValue | undefined, path: string[]): PyValue | undefined {
  let cur = unwrapReplica(v);
  for (const k of path) {
    if (!(cur instanceof Dict)) return undefined;
    cur = unwrapReplica(cur.get(k));
  }
  return cur;
}
