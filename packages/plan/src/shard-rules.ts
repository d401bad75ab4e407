import { dig } from '@shardwise/core';
import { lastSegment, typeName } from './abbr.js';
import type { DatasetEntry, Experiment } from './experiment.js';

/**
 * Evaluators whose per-shard evaluation is itself invalid (metrics.md §5): they crash, mislabel, or estimate
 * from partial data when handed one shard. `needs` narrows a rule to configs where it applies.
 */
export const SHARD_INVALID_EVALUATORS: readonly { types: readonly string[]; why: string; needs?: (ds: DatasetEntry) => boolean }[] = [
  { types: ['HumanEvalEvaluator', 'HumanEvalPlusEvaluator'], why: 'human_eval/evalplus check every problem of the full file, so a shard eval asserts or fails' },
  { types: ['BigCodeBenchEvaluator', 'HumanevalXEvaluator', 'SciCodeEvaluator', 'SRbenchDatasetEvaluator', 'material_Evaluator', 'composition_Evaluator', 'bio_instruction_Evaluator'], why: 'it indexes the full dataset by shard-local position, so later shards are mislabelled' },
  {
    types: ['GenericLLMEvaluator', 'ATLASLLMEvaluator'],
    why: 'with dataset_cfg it rebuilds the full dataset and adds the shard predictions as a column (length error)',
    needs: (ds) => {
      const cfg = dig(ds.config, 'eval_cfg', 'evaluator', 'dataset_cfg');
      return cfg !== undefined && cfg !== null;
    },
  },
  { types: ['AccDropEvaluator'], why: 'it assumes the first half of the predictions is post-attack and the second half pre-attack' },
  { types: ['CircularEvaluator', 'MathBenchCircularEvaluator'], why: 'circular permutations of one question may straddle shard boundaries' },
  { types: ['TACOEvaluator', 'APPSEvaluator', 'CodeEvaluator', 'MBPPPassKEvaluator', 'LCPassKEvaluator'], why: 'pass@k is per problem; problems straddling a boundary are estimated from too few samples' },
];

/** Why this dataset's evaluator cannot be run per shard, or undefined when it can. */
export function shardInvalidReason(ds: DatasetEntry): string | undefined {
  if (ds.evaluatorType === undefined) return undefined;
  return SHARD_INVALID_EVALUATORS.find((r) => r.types.includes(ds.evaluatorType!) && (r.needs?.(ds) ?? true))?.why;
}

/** Summarizers known to read `<abbr>_<i>` result files: the NumWorkerSummarizer `shardwise gen` writes. */
export const SHARD_READING_SUMMARIZERS = ['NumWorkerSummarizer'] as const;

/** The summarizer OpenCompass builds: the config's `summarizer.type`, DefaultSummarizer when absent. */
export function summarizerType(experiment: Experiment): string {
  return typeName(dig(experiment.summarizer, 'type')) ?? 'opencompass.summarizers.DefaultSummarizer';
}

export function summarizerReadsShards(experiment: Experiment): boolean {
  return (SHARD_READING_SUMMARIZERS as readonly string[]).includes(lastSegment(summarizerType(experiment)));
}

/** OpenCompass's own DefaultSummarizer (the one PR #2451 changes), configured or by default. */
export function summarizerIsDefault(experiment: Experiment): boolean {
  return lastSegment(summarizerType(experiment)) === 'DefaultSummarizer';
}
