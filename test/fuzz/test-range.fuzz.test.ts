import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySliceChain, rangeLength } from '@shardwise/plan';

const SEED = 20250108;

describe('the test_range parser never throws', () => {
  it('arbitrary text: a range or a reason', () => {
    const chainish = fc.stringMatching(/^[[\]:0-9\- +Noe]{0,30}$/);
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 9 }), fc.oneof(fc.string({ maxLength: 40 }), chainish), (n, chain) => {
        const r = applySliceChain(n, chain);
        if (r.ok) {
          const len = rangeLength(r.range);
          expect(Number.isInteger(len) && len >= 0 && len <= n).toBe(true);
        } else expect(r.reason.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('huge bounds and long chains stay exact integers within range(n)', () => {
    const bound = fc.option(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), { nil: undefined });
    const slice = fc.tuple(
      bound,
      bound,
      fc.option(
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).filter((s) => s !== 0),
        { nil: undefined },
      ),
    );
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 40 }), fc.array(slice, { maxLength: 40 }), (n, parts) => {
        const chain = parts.map(([a, b, c]) => `[${a ?? ''}:${b ?? ''}${c === undefined ? '' : `:${c}`}]`).join('');
        const r = applySliceChain(n, chain);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const len = rangeLength(r.range);
        expect(Number.isSafeInteger(len) && len >= 0 && len <= n).toBe(true);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
