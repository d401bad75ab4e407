import { mergedNumber, type Recompute } from './recompute.js';

/**
 * `generic_llmjudge_postprocess` (opencompass/datasets/generic.py) from the summed judge counts,
 * with the source's own operation order so merged floats equal an unsplit evaluation's:
 *   c = C/T, i = I/T, g = c + i, aga = c/g (0 if g == 0), f1 = 2·aga·c/(aga + c) (0 if 0),
 *   metric = c·100, `<metric>_given_attempted` = aga·100, attempted_ratio = ((C+I)/T)·100.
 */
export const genericLlmJudge: Recompute = (ctx) => {
  const C = mergedNumber(ctx, 'correct_count');
  const I = mergedNumber(ctx, 'incorrect_count');
  const U = mergedNumber(ctx, 'not_attempted_count');
  if (C === undefined || I === undefined || U === undefined)
    return { refuse: 'judge counts (correct/incorrect/not_attempted_count) are missing' };
  const T = C + I + U;
  if (T === 0) return { refuse: 'no judged rows (the evaluator divides by zero)' };
  const c = C / T;
  const g = c + I / T;
  const aga = g > 0 ? c / g : 0;
  if (ctx.key === 'f1') return { value: aga + c > 0 ? (2 * aga * c) / (aga + c) : 0 };
  if (ctx.key.endsWith('_given_attempted')) return { value: aga * 100 };
  if (ctx.key === 'attempted_ratio') return { value: ((C + I) / T) * 100 };
  return { value: c * 100 };
};
