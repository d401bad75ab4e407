import { isFloat, pyRepr, type PyValue } from '@shardwise/core';

/*
 * Count-exact merges (docs/metrics.md §8). A mean of a 0/1 value per row is c / n under some arithmetic of the
 * evaluator's own (`count / rows * 100`, `100 * count / rows`, …; the rule table's `countFormula`). The weighted
 * mean of the shard values is that number only up to rounding; the formula applied to the summed integer counts
 * is the unsplit evaluation's value to the last bit. Each shard's count is recovered from its value and verified
 * to reproduce it exactly; when one does not, the caller falls back to the weighted mean and says so.
 */

type Operand = 'count' | 'rows' | number;

/** The formula as a function of (count, rows): `*` and `/` left to right over doubles, as Python evaluates it. */
export function compileCountFormula(text: string): (count: number, rows: number) => number {
  const tokens = text.trim().split(/\s+/);
  const operand = (t: string): Operand => (t === 'count' || t === 'rows' ? t : Number(t));
  const first = operand(tokens[0]!);
  const steps: { op: string; arg: Operand }[] = [];
  for (let i = 1; i < tokens.length; i += 2) steps.push({ op: tokens[i]!, arg: operand(tokens[i + 1]!) });
  // Every intermediate of an int-only prefix (`100 * count`) is an exact double, so Python's int arithmetic and
  // correctly rounded int / int give the same doubles as this.
  return (count, rows) => {
    const val = (o: Operand) => (o === 'count' ? count : o === 'rows' ? rows : o);
    let acc = val(first);
    for (const { op, arg } of steps) acc = op === '*' ? acc * val(arg) : acc / val(arg);
    return acc;
  };
}

export type CountMerge = { value: number; counts: number[] } | { fallback: string };

/**
 * The merged value from per-shard counts. `values[i]` is shard i's stored value, `rows[i]` its N_i; shards with
 * no rows hold no count (the weighted mean skips them too). `shards[i]` names the shard in a fallback reason.
 */
export function countMerge(formula: string, values: (PyValue | undefined)[], rows: number[], shards: (number | null)[]): CountMerge {
  const f = compileCountFormula(formula);
  const counts: number[] = [];
  let count = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const n = rows[i]!;
    if (n === 0) {
      counts.push(0);
      continue;
    }
    const v = values[i];
    // Python's `/` always gives a float: an int (or a bool) stored here came from other arithmetic.
    if (!isFloat(v)) return { fallback: `shard ${shards[i]} holds ${v === undefined ? 'no value' : 'a value that is not a float'}` };
    const c = recoverCount(f, v, n);
    if (c === undefined) return { fallback: `no integer count reproduces shard ${shards[i]}'s value ${pyRepr(v)} under \`${formula}\`` };
    counts.push(c);
    count += c;
    total += n;
  }
  if (total === 0) return { fallback: 'no shard has rows' };
  return { value: f(count, total), counts };
}

/** The integer c in [0, n] with f(c, n) === v bit for bit; f is increasing in c with steps far above an ulp. */
function recoverCount(f: (c: number, n: number) => number, v: number, n: number): number | undefined {
  const unit = f(1, n);
  if (!Number.isFinite(v) || !(unit > 0)) return undefined;
  const guess = Math.round(v / unit);
  for (const c of [guess, guess - 1, guess + 1]) if (c >= 0 && c <= n && Object.is(f(c, n), v)) return c;
  return undefined;
}
