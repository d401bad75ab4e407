import type { PlannedFile, PyDict, PyValue } from '@shardwise/core';
import { PyDict as Dict, dig, isPyNumber, toJsNumber } from '@shardwise/core';
import { DeferredValue, resolved } from './py-json.js';

/** One planned eval shard of a model × dataset, as read from disk. */
export interface ShardInput {
  /** The plan's entry for this eval shard (index, abbr, rows). */
  planned: PlannedFile;
  /** Run-relative path of the shard's result file. */
  file: string;
  /** Parsed result; undefined when the file is missing or unreadable. */
  result?: PyDict;
  /** Records of `predictions/<m>/<shard abbr>.json`, when present (A* weights); may be built on first read. */
  predictions?: PyDict;
  /** Record count of that file (the count cross-check), known without building the records; null: not cross-checked. */
  predictionRows?: number | null;
}

/** Python's `isinstance(v, (int, float))` (bool included): what the summarizer treats as a metric. */
export const isMetricValue = (v: PyValue | undefined): v is bigint | number | boolean => v !== undefined && isPyNumber(v);

export const num = (v: bigint | number | boolean): number => toJsNumber(v);

/** Element count of a list, built or deferred (a deferred list is counted without being built); undefined otherwise. */
export function listLength(v: PyValue | undefined): number | undefined {
  if (Array.isArray(v)) return v.length;
  return v instanceof DeferredValue ? v.length : undefined;
}

/** The shard result's `details`, built. */
export const shardDetails = (shard: ShardInput): PyValue | undefined => resolved(shard.result?.get('details'));

/** Path A writes non-numeric values as one-element per-replica lists; this reads through them. */
export function unwrapReplica(v: PyValue | undefined): PyValue | undefined {
  return Array.isArray(v) && v.length === 1 ? v[0] : v;
}

/**
 * `entry[a][b]…` of a detail entry. List details (path A) hold each top-level field as a per-replica list
 * (docs/opencompass.md §2.4); only that wrapper is read through: deeper values are the evaluator's own, and
 * IFEval's `refer.instruction_id_list` is a one-element list whenever a prompt has one instruction.
 */
export function detailField(entry: PyValue, path: string[], perReplica: boolean): PyValue | undefined {
  const [top, ...rest] = path;
  if (!(entry instanceof Dict) || top === undefined) return undefined;
  const v = resolved(entry.get(top));
  return dig(perReplica ? unwrapReplica(v) : v, ...rest);
}
