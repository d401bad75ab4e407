import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySliceChain, randomSubsetLength, slicedLength } from '@shardwise/plan';

describe('test_range slice chains on range(C)', () => {
  it.each([
    [1000, '[0:100][5:10]', 5],
    [11, '[::2]', 6],
    [1000, '[-50:]', 50],
    [100, '[100:200]', 0],
    [1000, '[100:200]', 100],
    [1319, '[1155:1320]', 164],
    [1319, '[0: 189]', 189],
    [10, '[::-1][2:]', 8],
    [10, '', 10],
  ])('len(range(%i)%s) = %i', (n, chain, want) => {
    expect(slicedLength(n, chain)).toBe(want);
  });
  it.each(['[3]', '[a:b]', '[0:1:0]', '(0:5)', '[0:5'])('refuses %s with a reason', (chain) => {
    expect(applySliceChain(10, chain).ok).toBe(false);
  });
  it('agrees with CPython on random slice chains', () => {
    const bound = fc.option(fc.integer({ min: -40, max: 40 }), { nil: undefined });
    const slice = fc.tuple(
      bound,
      bound,
      fc.option(
        fc.integer({ min: -4, max: 4 }).filter((s) => s !== 0),
        { nil: undefined },
      ),
    );
    const cases = fc.sample(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.array(slice, { minLength: 1, maxLength: 3 })), {
      numRuns: 400,
      seed: 7,
    });
    const text = cases.map(
      ([n, chain]) => [n, chain.map(([a, b, c]) => `[${a ?? ''}:${b ?? ''}${c === undefined ? '' : `:${c}`}]`).join('')] as const,
    );
    const py = execFileSync('python3', ['-c', 'import json,sys\nfor n,c in json.load(sys.stdin): print(len(eval("range(n)"+c)))'], {
      input: JSON.stringify(text),
      encoding: 'utf8',
    });
    expect(text.map(([n, c]) => slicedLength(n, c))).toEqual(py.trim().split('\n').map(Number));
  });
});

describe('int/float test_range (random subset)', () => {
  it.each([
    [1000, 100, false, 100],
    [1000, 0.25, true, 250],
    [1000, 5000, false, 1000],
    [1000, 0, false, 1000],
    [1000, 1.5, true, undefined],
  ])('total %i, size %s', (total, size, isFloat, want) => {
    expect(randomSubsetLength(total, size, isFloat)).toBe(want);
  });
});
