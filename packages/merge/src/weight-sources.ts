import { dig, PyDict, type MergeWeight, type PyValue } from '@shardwise/core';
import { detailField, isMetricValue, listLength, num, shardDetails, type ShardInput } from './shard-input.js';

/** The A* weight of one shard per the rule table's weight source; a string says why it is unknown. */
export function shardWeight(weight: MergeWeight, shard: ShardInput, rows: number): number | string {
  switch (weight.source) {
    case 'samples':
      return rows;
    case 'result-key': {
      const v = shard.result?.get(weight.key ?? '');
      if (!isMetricValue(v)) return `weight key ${weight.key} is missing or not a number`;
      return num(v) * (weight.timesSamples ? rows : 1) * (weight.scale ?? 1);
    }
    case 'details-length': {
      const entries = listLength(shard.result?.get('details')) ?? detailEntries(shardDetails(shard))?.length;
      return entries ?? 'the shard has no details';
    }
    case 'details-field-length': {
      const details = shardDetails(shard);
      const entries = detailEntries(details);
      if (!entries) return 'the shard has no details';
      let total = 0;
      for (const e of entries) {
        const v = detailField(e, (weight.field ?? '').split('.'), Array.isArray(details));
        if (!Array.isArray(v)) return `a detail entry has no list at ${weight.field}`;
        total += v.length;
      }
      return total;
    }
    case 'predictions-field-sum': {
      if (!shard.predictions) return 'the shard predictions are not available';
      let total = 0;
      for (const rec of shard.predictions.values()) {
        // Prediction records are per row, with no per-replica wrapping.
        const v = dig(rec, ...(weight.field ?? '').split('.'));
        if (!isMetricValue(v)) return `a prediction record has no number at ${weight.field}`;
        total += num(v);
      }
      return total;
    }
  }
}

function detailEntries(d: PyValue | undefined): PyValue[] | undefined {
  if (Array.isArray(d)) return d;
  if (d instanceof PyDict) return [...d].filter(([k]) => k !== 'type').map(([, v]) => v);
  return undefined;
}
