/**
 * Python's `range(C)` followed by a slice chain, as OpenCompass evaluates `test_range` strings
 * (`eval('index_list' + test_range)`, `eval('len(range(C)' + test_range + ')')`; docs/opencompass.md §3.7).
 * Slicing a range gives a range, so a chain stays exact for any C.
 */
export interface PyRange {
  start: number;
  stop: number;
  step: number;
}

export type RangeResult = { ok: true; range: PyRange } | { ok: false; reason: string };

export function pyRange(n: number): PyRange {
  return { start: 0, stop: n, step: 1 };
}

export function rangeLength(r: PyRange): number {
  const span = r.step > 0 ? r.stop - r.start : r.start - r.stop;
  return Math.max(0, Math.ceil(span / Math.abs(r.step)));
}

/** Applies a slice chain such as `'[0:100][5:10]'`, `'[::2]'`, `'[-50:]'` to `range(n)`. */
export function applySliceChain(n: number, chain: string): RangeResult {
  let r = pyRange(n);
  const text = chain.trim();
  const part = /\s*\[([^\]]*)\]\s*/y;
  let pos = 0;
  while (pos < text.length) {
    part.lastIndex = pos;
    const m = part.exec(text);
    if (!m) return { ok: false, reason: `'${chain}' is not a chain of [start:stop:step] slices (at character ${pos + 1})` };
    const bounds = (m[1] ?? '').split(':');
    if (bounds.length < 2 || bounds.length > 3) {
      return { ok: false, reason: `'[${m[1]}]' is an index, not a slice: the result is an int, not a row range` };
    }
    const parsed = bounds.map(parseBound);
    if (parsed.some((b) => b === 'bad')) return { ok: false, reason: `'[${m[1]}]' has a bound that is not an integer` };
    const [start, stop, step] = parsed as (number | null)[];
    if (step === 0) return { ok: false, reason: `'[${m[1]}]': slice step cannot be zero` };
    r = sliceRange(r, start ?? null, stop ?? null, step ?? null);
    pos = part.lastIndex;
  }
  return { ok: true, range: r };
}

/** `len(range(n)<chain>)`, or undefined when the chain is not a slice chain. */
export function slicedLength(n: number, chain: string): number | undefined {
  const r = applySliceChain(n, chain);
  return r.ok ? rangeLength(r.range) : undefined;
}

/**
 * Rows an int/float `test_range` keeps when the dataset is loaded (`load_partial_dataset`): `size >= total` or
 * `size <= 0` keep everything, `0 < size < 1` a fraction; undefined when Python would crash (a float ≥ 1).
 */
export function randomSubsetLength(total: number, size: number, isFloat: boolean): number | undefined {
  if (size >= total || size <= 0) return total;
  if (size < 1) return Math.trunc(size * total);
  return isFloat ? undefined : size;
}

function parseBound(s: string): number | null | 'bad' {
  const t = s.trim();
  if (t === '' || t === 'None') return null;
  return /^[+-]?\d+$/.test(t) ? Number(t) : 'bad';
}

/** `range[start:stop:step]` with CPython's slice.indices clamping. */
function sliceRange(r: PyRange, start: number | null, stop: number | null, step: number | null): PyRange {
  const len = rangeLength(r);
  const s = step ?? 1;
  const lower = s > 0 ? 0 : -1;
  const upper = s > 0 ? len : len - 1;
  const clamp = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    const x = v < 0 ? v + len : v;
    return x < lower ? lower : x > upper ? upper : x;
  };
  const a = clamp(start, s > 0 ? lower : upper);
  const b = clamp(stop, s > 0 ? upper : lower);
  return { start: r.start + a * r.step, stop: r.start + b * r.step, step: r.step * s };
}
