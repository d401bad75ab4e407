import { dig } from '@shardwise/core';
import { lastSegment, typeName } from './abbr.js';
import type { Experiment } from './experiment.js';

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
