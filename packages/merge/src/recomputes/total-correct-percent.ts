import { pyFormatFixed } from '@shardwise/core';
import { mergedNumber, type Recompute } from './recompute.js';

/**
 * medmcqa-like judge postprocessors: accuracy = round(total_correct / total_count · 100, 2).
 * Python's round(x, 2) on a float equals float(format(x, '.2f')) (correctly rounded, ties to even).
 */
export const totalCorrectPercent: Recompute = (ctx) => {
  const correct = mergedNumber(ctx, 'total_correct');
  const count = mergedNumber(ctx, 'total_count');
  if (correct === undefined || count === undefined) return { refuse: 'total_correct / total_count are missing' };
  if (count === 0) return { refuse: 'total_count is 0' };
  return { value: Number(pyFormatFixed((correct / count) * 100, 2)) };
};
