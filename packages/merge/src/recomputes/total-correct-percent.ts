import { pyRound } from '@shardwise/core';
import { mergedNumber, type Recompute } from './recompute.js';

/** medmcqa-like judge postprocessors: accuracy = round(total_correct / total_count · 100, 2) (docs/metrics.md §8). */
export const totalCorrectPercent: Recompute = (ctx) => {
  const correct = mergedNumber(ctx, 'total_correct');
  const count = mergedNumber(ctx, 'total_count');
  if (correct === undefined || count === undefined) return { refuse: 'total_correct / total_count are missing' };
  if (count === 0) return { refuse: 'total_count is 0' };
  return { value: pyRound((correct / count) * 100, 2) };
};
