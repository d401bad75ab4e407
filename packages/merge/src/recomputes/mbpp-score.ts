import { mergedNumber, type Recompute } from './recompute.js';

/** MBPPEvaluator / LCEvaluator `score` = pass / rows · 100 over the summed `pass` count. */
export const mbppScore: Recompute = (ctx) => {
  const pass = mergedNumber(ctx, 'pass');
  const rows = ctx.rows.reduce((a, b) => a + b, 0);
  if (pass === undefined) return { refuse: '`pass` count is missing' };
  if (rows === 0) return { refuse: 'no rows' };
  return { value: (pass / rows) * 100 };
};
