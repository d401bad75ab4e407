import { basename, dirname } from 'node:path';
import { issue, PyDict, type Issue, type PlannedFile } from '@shardwise/core';
import { outputPath, type Experiment } from '@shardwise/plan';

/** How to get the exact value when shard results cannot be merged: one unsplit eval of the merged predictions. */
export interface Reevaluation {
  /** `opencompass <config> -w <work_dir> -m eval -r <ts>`. */
  command: string;
  /** What must hold before running it (Naive eval partitioner, no unsplit result file). */
  prerequisites: string[];
  /** Run-relative path of the merged predictions (written by `merge --write`), when infer was split. */
  predictionsPath?: string;
  /** Re-keyed "0".."S-1" concatenation of the infer shards, when they are complete. */
  predictions?: PyDict;
  issues: Issue[];
}

/**
 * docs/metrics.md §12.6: concatenate `predictions/<m>/<abbr>_<i>.json` in shard order, re-keyed "0".."S-1",
 * each shard checked to hold exactly the keys "0".."n_i-1" with n_i the plan's size; then the
 * command that evaluates the unsplit dataset once with the Naive eval partitioner.
 */
export function planReevaluation(
  runDir: string,
  experiment: Experiment,
  model: string,
  abbr: string,
  inferShards: PlannedFile[],
  readPredictions: (runRelPath: string) => PyDict | undefined,
): Reevaluation {
  const config = experiment.configFile ?? '<config>';
  const command = `opencompass ${config} -w ${dirname(runDir)} -m eval -r ${basename(runDir)}`;
  const prerequisites = [`no results/${model}/${abbr}.json exists (OpenCompass skips datasets that have one)`];
  if (experiment.eval.kind !== 'NaivePartitioner')
    prerequisites.push(
      `the config's eval partitioner is ${experiment.eval.kind}: set eval = dict(partitioner=dict(type=NaivePartitioner), …) so the dataset is evaluated unsplit`,
    );
  const issues: Issue[] = [];
  if (!inferShards.length) return { command, prerequisites, issues };
  const merged = new PyDict();
  for (const f of inferShards) {
    const preds = readPredictions(f.path);
    const problem = !preds
      ? 'is missing or unreadable'
      : preds.size !== f.size
        ? `has ${preds.size} records, the plan expects ${f.size}`
        : Array.from({ length: f.size }, (_, j) => String(j)).find((k) => !preds.has(k)) !== undefined
          ? `is not keyed "0".."${f.size - 1}"`
          : undefined;
    if (problem) {
      issues.push(
        issue('SW_MERGE_PREDICTIONS_INCOMPLETE', `${f.path} ${problem}`, {
          file: f.path,
          model,
          abbr,
          hint: 're-run inference for that shard (`opencompass <config> -m infer -r <ts>`) before re-evaluating',
        }),
      );
      continue;
    }
    for (let j = 0; j < f.size; j++) merged.set(String(merged.size), preds!.get(String(j))!);
  }
  const predictionsPath = outputPath('infer', model, abbr);
  return { command, prerequisites, predictionsPath, ...(issues.length ? {} : { predictions: merged }), issues };
}
