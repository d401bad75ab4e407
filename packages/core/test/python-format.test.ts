import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pyDict, pyFloatRepr, pyFormatFixed, pyRepr, PyTuple } from '../src/index.js';

// Ground truth comes from the real python3 on this machine, not from hand-typed expectations.
function python(expr: string): string[] {
  return execFileSync('python3', ['-c', `import sys\nfor v in ${expr}: print(v)`], { encoding: 'utf8' })
    .trimEnd()
    .split('\n');
}

const floats = [
  0.1 + 0.2,
  0.5,
  1e20,
  1e16,
  1e15,
  100,
  1e-5,
  1e-4,
  1234567890123456,
  1.5e-7,
  -0,
  2.5e300,
  5e-324,
  1 / 3,
  86.66666666666667,
  12.125,
  -7.5,
  123456789.125,
];
const pyList = `[${floats.map((f) => (Object.is(f, -0) ? '-0.0' : f.toExponential())).join(', ')}]`;

describe('Python number formatting', () => {
  it('repr of floats matches python3', () => {
    expect(floats.map(pyFloatRepr)).toEqual(python(`[repr(x) for x in ${pyList}]`));
  });

  it.each([0, 1, 2, 3, 6])("format(x, '.%if') matches python3, ties to even on the exact binary value", (digits) => {
    const xs = [...floats, 0.125, 0.375, 0.625, 0.875, -0.125, 2.675, 1.005, -0.001, 1e21, 0.5, 1.5, 2.5];
    const list = `[${xs.map((f) => (Object.is(f, -0) ? '-0.0' : f.toExponential())).join(', ')}]`;
    expect(xs.map((x) => pyFormatFixed(x, digits))).toEqual(python(`[format(x, '.${digits}f') for x in ${list}]`));
  });

  it('agrees with python3 on 2,000 seeded values, eighths (exact ties) included', () => {
    let s = 12345;
    const next = () => (s = (s * 48271) % 2147483647) / 2147483647;
    const xs = Array.from({ length: 2000 }, (_, i) => {
      const r = next();
      if (i % 4 === 0) return Math.round(r * 80000) / 8 - 5000; // k/8: ties at every odd eighth
      if (i % 4 === 1) return (r - 0.5) * 10 ** Math.round(next() * 30 - 10);
      if (i % 4 === 2) return Math.round(r * 1e6) / 1000;
      return r * 100;
    });
    const list = `[${xs.map((f) => f.toExponential()).join(', ')}]`;
    for (const digits of [0, 2, 5]) {
      expect(xs.map((x) => pyFormatFixed(x, digits))).toEqual(python(`[format(x, '.${digits}f') for x in ${list}]`));
    }
  });

  it('non-finite values', () => {
    expect([NaN, Infinity, -Infinity].map((x) => pyFormatFixed(x, 2))).toEqual(['nan', 'inf', '-inf']);
    expect([NaN, Infinity, -Infinity].map(pyFloatRepr)).toEqual(['nan', 'inf', '-inf']);
  });
});

describe('Python repr of values', () => {
  it('matches python3 for a results-like dict', () => {
    const d = pyDict([
      ['zz', NaN],
      ['score', 0.375],
      ['bp', 3n],
      ['flags', [true, false, null]],
      ['quote', "it's"],
      ['both', `it's "x"`],
      ['ctl', 'a\nb\t\\\x07\u200b\x7f é 中'],
      ['tuple', new PyTuple([1n])],
      [
        'nested',
        pyDict([
          [1n, 'one'],
          ['k', 1e21],
        ]),
      ],
    ]);
    const src = `{'zz': float('nan'), 'score': 0.375, 'bp': 3, 'flags': [True, False, None], 'quote': "it's", 'both': 'it\\'s "x"', 'ctl': 'a\\nb\\t\\\\\\x07\\u200b\\x7f é 中', 'tuple': (1,), 'nested': {1: 'one', 'k': 1e21}}`;
    expect(pyRepr(d)).toBe(python(`[repr(${src})]`)[0]);
  });
});
