import { isDict, pyDict, sequenceItems, type PyDict, type PyValue } from '@shardwise/core';
import type { Experiment } from '@shardwise/plan';

export const SUMMARIZER_TYPE = 'numworker_summarizer.NumWorkerSummarizer';

export interface SummarizerSettings {
  /** Rows of the table: dataset abbrs as strings, groups as [name, metric] pairs. */
  datasetAbbrs: PyValue[];
  /** The config's groups, each naming its output `metric` explicitly. */
  summaryGroups: PyDict[];
}

/**
 * The summarizer dict for the experiment (opencompass.md §7.6-7.7, §8.3): explicit `dataset_abbrs`
 * (the config's, else every dataset in config order), every group with an explicit `metric`, and
 * group rows as `[name, metric]` pairs, so no row depends on Python's set order.
 */
export function summarizerSettings(experiment: Experiment): SummarizerSettings {
  const groups = (sequenceItems(experiment.summarizer?.get('summary_groups')) ?? []).filter(isDict).map(withExplicitMetric);
  const metricOf = new Map(groups.map((g) => [g.get('name'), g.get('metric')!]));
  const configured = sequenceItems(experiment.summarizer?.get('dataset_abbrs'));
  const rows: PyValue[] = configured
    ? configured.map((row) => (typeof row === 'string' && metricOf.has(row) ? [row, metricOf.get(row)!] : row))
    : [...experiment.datasets.map((d) => d.abbr), ...groups.map((g) => [g.get('name')!, g.get('metric')!])];
  return { datasetAbbrs: rows, summaryGroups: groups };
}

/** A group's output metric name when it has no `metric` key: the first flag that applies (§7.6 step 4). */
function withExplicitMetric(group: PyDict): PyDict {
  if (group.has('metric')) return group;
  const weights = group.get('weights');
  const metric = group.get('std')
    ? 'standard_deviation'
    : group.get('sum')
      ? 'sum'
      : isDict(weights) && weights.size > 0
        ? 'weighted_average'
        : group.get('harmonic_mean')
          ? 'harmonic_mean'
          : 'naive_average';
  return pyDict([...group, ['metric', metric]]);
}
