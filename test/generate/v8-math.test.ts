import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pyDict } from '@shardwise/core';
import { buildRun } from '../fixtures/merge/split-run.js';
import { writeModule } from './merge-parity.js';
import { tempDir } from '../support/temp-dir.js';

/*
 * The BLEU recompute calls Math.log and Math.exp; CPython's math.log/exp (the C library's) differ from
 * V8's in the last bit for a few percent of inputs, so the generated module carries V8's fdlibm port.
 * Here it must agree with Node bit for bit on edge cases and on a spread of inputs.
 */

const root = tempDir('sw-v8-math-');

const bits = (x: number) => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0).toString(16).padStart(16, '0');
};

function inputs(): number[] {
  const edges = [
    0,
    -0,
    1,
    -1,
    0.5,
    2,
    Math.E,
    1e-300,
    5e-324,
    2.2250738585072014e-308,
    1e-310,
    709.78,
    709.79,
    710,
    -745.1,
    -745.2,
    -800,
    1e300,
    Infinity,
    -Infinity,
    NaN,
    0.34657,
    0.3466,
    1.0397,
    1.04,
    100,
    1e-9,
    1e-20,
    -1e-20,
    -708.5,
    -720,
    -9999999999 / 4,
    1 - 30 / 29,
  ];
  let s = 20250101;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const spread: number[] = [];
  for (let i = 0; i < 4000; i++)
    spread.push(next() * 100, (next() - 0.5) * 1500, 10 ** ((next() - 0.5) * 600), (next() - 0.5) * 4, next() * 1e-6);
  return [...edges, ...spread];
}

describe('js_log / js_exp of the generated module', () => {
  it('equal Math.log / Math.exp bit for bit', () => {
    const module = writeModule(
      buildRun(['m1'], [{ abbr: 'x', evaluator: 'AccEvaluator', sizes: [1, 1], result: () => pyDict([['accuracy', 1.0]]) }]),
      join(root, 'gen'),
    );
    const xs = inputs();
    const script = [
      'import struct, sys',
      'sys.path.insert(0, sys.argv[1])',
      'import numworker_summarizer as m',
      "h = lambda x: struct.pack('>d', x).hex()",
      'for line in sys.stdin.read().split():',
      "    x = struct.unpack('>d', bytes.fromhex(line))[0]",
      '    print(h(m.js_log(x)), h(m.js_exp(x)))',
    ].join('\n');
    const out = execFileSync('python3', ['-c', script, dirname(module)], {
      input: xs.map(bits).join('\n'),
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    })
      .trim()
      .split('\n');
    const canon = (hex: string) =>
      Number.isNaN(new DataView(new Uint8Array(hex.match(/../g)!.map((b) => parseInt(b, 16))).buffer).getFloat64(0)) ? 'nan' : hex;
    const mismatches = xs.flatMap((x, i) => {
      const [log, exp] = out[i]!.split(' ');
      const want = [canon(bits(Math.log(x))), canon(bits(Math.exp(x)))];
      const got = [canon(log!), canon(exp!)];
      return got[0] === want[0] && got[1] === want[1] ? [] : [{ x, got, want }];
    });
    expect(out).toHaveLength(xs.length);
    expect(mismatches).toEqual([]);
  });
});
