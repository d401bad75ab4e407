import { isDict, pyDict, sequenceItems, type PyDict, type PyValue } from '@shardwise/core';
import type { Experiment } from '@shardwise/plan';

export const SUMMARIZER_TYPE = 'numworker_summarizer.NumWorkerSummarizer';

export interface SummarizerSettings {
  /** Rows of the table as the config sets them, group rows as [name, metric] pairs; absent when the config sets none. */
  datasetAbbrs?: PyValue[];
  /** The config's groups, each naming its output `metric` explicitly; absent when the config sets none. */
  summaryGroups?: PyDict[];
}

/**
 * The summarizer dict for the experiment (docs/opencompass.md §7.6-7.7, §8.3): what the config's summarizer sets and
 * nothing else. Unset `dataset_abbrs` stays unset: DefaultSummarizer then prints a row per metric of every dataset,
 * while a listed bare abbr prints only its first metric. Every group names its `metric`, and a group row of
 * `dataset_abbrs` becomes a `[name, metric]` pair, so no row depends on Python's set order.
 */
export function summarizerSettings(experiment: Experiment): SummarizerSettings {
  const configuredGroups = sequenceItems(experiment.summarizer?.get('summary_groups'));
  const groups = (configuredGroups ?? []).filter(isDict).map(withExplicitMetric);
  const metricOf = new Map(groups.map((g) => [g.get('name'), g.get('metric')!]));
  const configured = sequenceItems(experiment.summarizer?.get('dataset_abbrs'));
  return {
    ...(configured
      ? { datasetAbbrs: configured.map((row) => (typeof row === 'string' && metricOf.has(row) ? [row, metricOf.get(row)!] : row)) }
      : {}),
    ...(configuredGroups ? { summaryGroups: groups } : {}),
  };
}

/** The `summarizer = dict(...)` the generated config holds: the NumWorkerSummarizer type, then the settings. */
export function summarizerConfig(experiment: Experiment): PyDict {
  const s = summarizerSettings(experiment);
  return pyDict([
    ['type', SUMMARIZER_TYPE],
    ...(s.datasetAbbrs ? [['dataset_abbrs', s.datasetAbbrs] as const] : []),
    ...(s.summaryGroups ? [['summary_groups', s.summaryGroups] as const] : []),
  ]);
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
