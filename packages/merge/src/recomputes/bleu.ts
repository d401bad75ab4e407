import { mergedNumber, type Recompute } from './recompute.js';

const ORDER = 4;
/** sacrebleu's log that maps 0 to a huge negative number instead of failing. */
const myLog = (x: number): number => (x === 0 ? -9999999999 : Math.log(x));

/**
 * sacrebleu `BLEU.compute_bleu` (exp smoothing, order 4, no effective order) on summed n-gram
 * counts/totals and lengths: the statistics are additive over sentences, so this is exact.
 */
export const bleu: Recompute = (ctx) => {
  const counts = ctx.merged.get('counts');
  const totals = ctx.merged.get('totals');
  const sys = mergedNumber(ctx, 'sys_len');
  const ref = mergedNumber(ctx, 'ref_len');
  if (
    !Array.isArray(counts) ||
    !Array.isArray(totals) ||
    counts.length !== ORDER ||
    totals.length !== ORDER ||
    sys === undefined ||
    ref === undefined
  )
    return { refuse: 'BLEU statistics (counts, totals, sys_len, ref_len) are missing or malformed' };
  const correct = counts.map(Number);
  const total = totals.map(Number);
  const bp = sys < ref ? (sys > 0 ? Math.exp(1 - ref / sys) : 0.0) : 1.0;
  const precisions = new Array<number>(ORDER).fill(0);
  let score = 0;
  if (correct.some((c) => c !== 0)) {
    let smooth = 1;
    for (let n = 0; n < ORDER; n++) {
      if (total[n] === 0) break;
      if (correct[n] === 0) {
        smooth *= 2;
        precisions[n] = 100 / (smooth * total[n]!);
      } else precisions[n] = (100 * correct[n]!) / total[n]!;
    }
    let logSum = 0;
    for (const p of precisions) logSum += myLog(p);
    score = bp * Math.exp(logSum / ORDER);
  }
  if (ctx.key === 'score') return { value: score };
  if (ctx.key === 'bp') return { value: bp };
  if (ctx.key === 'precisions') return { value: precisions };
  return { refuse: `the bleu formula has no key ${ctx.key}` };
};
