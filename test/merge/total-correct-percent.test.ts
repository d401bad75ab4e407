import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pyDict, pyFloatRepr, pyRound, type PyValue, loadMergeRules } from '@shardwise/core';
import { mergeRun, stringifyPyJson } from '@shardwise/merge';
import { buildRun } from '../fixtures/merge/split-run.js';

const { rules } = loadMergeRules();

/** Python's own `repr(round(x, digits))` for each x (given by its round-tripping repr). */
function pythonRound(xs: number[], digits: number): string[] {
  const script = `import sys\nfor line in sys.stdin.read().split():\n    print(repr(round(float(line), ${digits})))`;
  return execFileSync('python3', ['-c', script], { input: xs.map(pyFloatRepr).join('\n'), encoding: 'utf8' })
    .trim()
    .split('\n');
}

const EDGES = [
  Infinity,
  -Infinity,
  NaN,
  0,
  -0,
  0.125,
  0.375,
  2.675,
  1.005,
  -0.001,
  -0.005,
  0.005,
  0.015,
  5e-324,
  -5e-324,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  2 ** 53,
  4503599627370495.5,
  1e16,
  123456789.125,
  1e-7,
  99.995,
  66.665,
  33.335,
];

describe('pyRound = Python round(x, n) on floats', () => {
  it.each([0, 2, 4])('agrees with python3 on edges and 3000 arbitrary doubles (n = %i)', (digits) => {
    const xs = [
      ...EDGES,
      ...fc.sample(fc.double(), { numRuns: 2000, seed: 7 + digits }),
      ...fc.sample(
        fc.integer({ min: -1_000_000, max: 1_000_000 }).map((k) => k / 1000),
        { numRuns: 1000, seed: digits },
      ),
    ];
    const expected = pythonRound(xs, digits);
    expect(xs.map((x) => pyFloatRepr(pyRound(x, digits)))).toEqual(expected);
  });
});

describe('total-correct-percent (medmcqa-like judge accuracy)', () => {
  const judged = (counts: [PyValue, PyValue][]) =>
    buildRun(
      ['m1'],
      [
        {
          abbr: 'medmcqa',
          evaluator: 'GenericLLMEvaluator',
          sizes: counts.map(() => 3),
          evaluatorExtra: [['dict_postprocessor', pyDict([['type', 'opencompass.datasets.medmcqa_llmjudge_postprocess']])]],
          result: ({ index }) =>
            pyDict([
              ['accuracy', 0.0],
              ['total_correct', counts[index]![0]],
              ['total_count', counts[index]![1]],
            ]),
        },
      ],
    );
  const accuracyOf = (counts: [PyValue, PyValue][]) => {
    const { runDir, experiment, plan } = judged(counts);
    const [o] = mergeRun(runDir, experiment, plan, rules);
    expect(o!.status).toBe('merged');
    return o!.result!;
  };

  it('an infinite ratio stays infinite, as round() keeps it (it was NaN)', () => {
    const merged = accuracyOf([
      [1e308, 1.0],
      [0.0, 0.0],
    ]);
    expect(merged.get('accuracy')).toBe(Infinity);
    expect(stringifyPyJson(merged)).toContain('"accuracy": Infinity');
  });

  it('inf / inf is NaN and a tiny negative ratio rounds to -0.0, as in Python', () => {
    expect(
      accuracyOf([
        [1e308, 1e308],
        [1e308, 1e308],
      ]).get('accuracy'),
    ).toBeNaN();
    expect(
      Object.is(
        accuracyOf([
          [-1e-5, 1.0],
          [0.0, 0.0],
        ]).get('accuracy'),
        -0,
      ),
    ).toBe(true);
  });

  it('an ordinary split rounds the exact binary value half to even', () => {
    expect(
      accuracyOf([
        [1n, 4n],
        [1n, 4n],
        [0n, 0n],
      ]).get('accuracy'),
    ).toBe(25);
    expect(
      accuracyOf([
        [2n, 3n],
        [0n, 3n],
      ]).get('accuracy'),
    ).toBe(33.33);
  });
});
