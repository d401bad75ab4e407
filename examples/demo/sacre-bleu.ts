/**
 * Corpus BLEU as sacrebleu computes it (4-gram, exp smoothing, one reference, tokens split on spaces —
 * the demo sentences have no punctuation, so the 13a tokenizer gives the same tokens). Returns the
 * statistics in the key order of the `sacrebleu` metric that OpenCompass's BleuEvaluator saves.
 */
export interface BleuStats {
  score: number;
  counts: number[];
  totals: number[];
  precisions: number[];
  bp: number;
  sys_len: number;
  ref_len: number;
}

const ORDER = 4;

export function corpusBleu(hypotheses: string[], references: string[]): BleuStats {
  const counts = new Array<number>(ORDER).fill(0);
  const totals = new Array<number>(ORDER).fill(0);
  let sysLen = 0;
  let refLen = 0;
  hypotheses.forEach((hyp, i) => {
    const h = tokens(hyp);
    const r = tokens(references[i]!);
    sysLen += h.length;
    refLen += r.length;
    for (let n = 1; n <= ORDER; n++) {
      const refGrams = ngramCounts(r, n);
      for (const [gram, c] of ngramCounts(h, n)) counts[n - 1]! += Math.min(c, refGrams.get(gram) ?? 0);
      totals[n - 1]! += Math.max(0, h.length - n + 1);
    }
  });
  let smooth = 1;
  const precisions = counts.map((c, n) => {
    if (totals[n] === 0) return 0;
    if (c === 0) {
      smooth *= 2;
      return 100 / (smooth * totals[n]!);
    }
    return (100 * c) / totals[n]!;
  });
  const bp = sysLen >= refLen ? 1.0 : Math.exp(1 - refLen / sysLen);
  const logSum = precisions.reduce((s, p) => s + (p === 0 ? -9999999999 : Math.log(p)), 0);
  return { score: bp * Math.exp(logSum / ORDER), counts, totals, precisions, bp, sys_len: sysLen, ref_len: refLen };
}

const tokens = (s: string): string[] => s.split(' ').filter(Boolean);

function ngramCounts(toks: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= toks.length; i++) {
    const g = toks.slice(i, i + n).join(' ');
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}
