import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPythonParser, parsePython } from '../../src/python-parser.js';
import { grammarError } from '../../src/syntax-check/grammar-rules.js';
import { lineError } from '../../src/syntax-check/line-errors.js';
import { tokenize } from '../../src/syntax-check/python-tokens.js';

/** The largest config in the repo: the demo run's dumped config. */
const largest = readFileSync(
  fileURLToPath(new URL('../../../../examples/demo/outputs/demo/20250101_120000/configs/20250101_120000_4242.py', import.meta.url)),
  'utf8',
);

/** Best of `runs` wall-clock times (ms): the machine is shared, the minimum is the cost. */
function best(runs: number, f: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

describe('cost of the syntax checks added to every parse', () => {
  it('is a fraction of the tree-sitter parse on a config of thousands of lines', async () => {
    const parser = await loadPythonParser();
    const report: string[] = [];
    let bigRatio = Infinity;
    for (const [name, text] of [
      ['demo dumped config', largest],
      ['20 demo configs in one', Array(20).fill(largest).join('\n')],
    ] as const) {
      const module = parsePython(parser, { path: 'c.py', absolute: '/c.py', text });
      const checks = best(15, () => {
        const tokens = tokenize(text);
        lineError(text, tokens);
        grammarError(module, tokens);
      });
      const parse = best(15, () => parser.parse(text)!.delete());
      report.push(
        `${name} (${text.split('\n').length} lines): syntax checks ${checks.toFixed(2)} ms, tree-sitter parse ${parse.toFixed(2)} ms`,
      );
      bigRatio = checks / parse;
    }
    console.log(`syntax check cost: ${report.join('; ')}`);
    expect(bigRatio).toBeLessThan(1);
  });
});
