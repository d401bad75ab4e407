import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIssueCode, PyDict } from '@shardwise/core';
import { readConfig, type ConfigReadResult } from '@shardwise/pyconfig';
import { applyEdits, textEdits } from './text-edits.js';
import { tempDir } from '../support/temp-dir.js';

const SEED = 20250108;
/** Tight bounds so a runaway input ends in milliseconds; the defaults are exercised by test/hostile. */
const LIMITS = { maxSteps: 20_000, maxCallDepth: 40, maxStringLength: 100_000, maxListLength: 100_000, maxIntBits: 4096, maxFiles: 50 };

const dir = tempDir('sw-fuzz-config-');

let n = 0;
async function read(text: string): Promise<ConfigReadResult> {
  const file = join(dir, `c${n++}.py`);
  writeFileSync(file, text);
  return readConfig(file, { cwd: dir, limits: LIMITS });
}

const evaluated = { namespace: 0, refused: 0 };

/** Never throws, never SW_INTERNAL: a namespace, or no namespace and at least one registered error code. */
async function expectCodedOutcome(text: string): Promise<void> {
  const r = await read(text);
  evaluated[r.namespace ? 'namespace' : 'refused']++;
  for (const i of r.issues) {
    expect(isIssueCode(i.code), i.code).toBe(true);
    expect(i.code, `${i.code}: ${i.message}\n--- config ---\n${text}`).not.toBe('SW_INTERNAL');
  }
  if (r.namespace === undefined) expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
  else expect(r.namespace).toBeInstanceOf(PyDict);
}

const name = fc.constantFrom('a', 'b', 'models', 'datasets', 'x_1', 'work_dir');
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small' },
    fc.integer({ min: -1000, max: 10 ** 6 }).map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Number.isInteger(x) ? `${x}.0` : String(x))),
    fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
    name,
    fc.constantFrom('None', 'True', 'False', 'range(5)', "'{}-{}'.format(1, 2)", "f'{a!r:>6}'", 'len([1, 2])', 'dict(k=1)'),
    fc
      .tuple(tie('e'), fc.constantFrom('+', '-', '*', '//', '%', '**', '==', ' and ', ' or ', ' if a else '), tie('e'))
      .map(([l, op, r]) => `(${l}${op}${r})`),
    fc.array(tie('e'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
    fc
      .array(fc.tuple(fc.string({ maxLength: 4 }), tie('e')), { maxLength: 3 })
      .map((kv) => `{${kv.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')}}`),
    fc.tuple(tie('e'), name).map(([e, v]) => `[${v} for ${v} in range(3) if ${e}]`),
    fc.tuple(tie('e'), tie('e')).map(([c, i]) => `${c}[${i}]`),
  ),
})).e;
const statement = fc.oneof(
  fc.tuple(name, expr).map(([v, e]) => `${v} = ${e}`),
  fc.tuple(name, expr).map(([v, e]) => `${v} += ${e}`),
  fc.tuple(name, expr).map(([v, e]) => `for ${v} in range(4):\n    b = ${e}`),
  fc.tuple(expr, name, expr).map(([c, v, e]) => `if ${c}:\n    ${v} = ${e}\nelse:\n    pass`),
  fc.tuple(name, expr).map(([v, e]) => `def f(${v}=${e}):\n    return f(${v})\n`),
  fc.tuple(name, expr).map(([v, e]) => `while ${v}:\n    ${v} = ${e}`),
  fc.tuple(name, expr).map(([v, e]) => `try:\n    ${v} = ${e}\nexcept Exception:\n    ${v} = None`),
  fc.constantFrom(
    'import os',
    'from mmengine.config import read_base',
    "x = open('nope.txt').read()",
    'del a',
    'assert a, "no"',
    'class C:\n    pass',
  ),
);
/** Every name bound first, so programs get past NameError to the rest of the evaluator. */
const PRELUDE = "a = 1\nb = 2\nmodels = []\ndatasets = []\nx_1 = 'x'\nwork_dir = './outputs'\n";
const program = fc.array(statement, { minLength: 1, maxLength: 8 }).map((s) => PRELUDE + s.join('\n') + '\n');

/** Syntax errors, broken indentation, cut strings. */
const edits = textEdits(['(', ')', '[', ']', '{', '}', ':', '\n', '    ', "'", '"', '\\', '#', '*', '=', ',', '\t', '\u0000', 'é'], 5);

/** Real-looking configs to mutate: the pyconfig corpus (read only) plus a dumped-config shape. */
const corpusDir = fileURLToPath(new URL('../../packages/pyconfig/test/corpus', import.meta.url));
const seeds = [
  "models = [dict(abbr='m', type='opencompass.models.HuggingFaceCausalLM', path='org/m', batch_size=8)]\ndatasets = [dict(abbr='gsm8k', reader_cfg=dict(input_columns=['question'], output_column='answer', test_range='[0:100]'))]\ninfer = dict(partitioner=dict(type='opencompass.partitioners.NumWorkerPartitioner', num_worker=8))\nwork_dir = 'outputs/default'\n",
  ...(existsSync(corpusDir)
    ? readdirSync(corpusDir)
        .map((c) => join(corpusDir, c, 'config.py'))
        .filter(existsSync)
        .map((f) => readFileSync(f, 'utf8'))
    : []),
];

describe('readConfig never throws and never hangs: a namespace or coded issues', () => {
  it('generated programs', async () => {
    await fc.assert(fc.asyncProperty(program, expectCodedOutcome), { seed: SEED, numRuns: 500 });
    // The generator must reach the evaluator, not only the refusals.
    expect(evaluated.namespace).toBeGreaterThan(100);
    expect(evaluated.refused).toBeGreaterThan(20);
  });

  it('generated programs, mutated', async () => {
    await fc.assert(
      fc.asyncProperty(program, edits, (p, es) => expectCodedOutcome(applyEdits(p, es))),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('real configs, mutated and truncated', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...seeds), edits, fc.nat(), fc.boolean(), (s, es, cut, truncate) =>
        expectCodedOutcome(truncate ? s.slice(0, cut % (s.length + 1)) : applyEdits(s, es)),
      ),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('arbitrary text', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 120 }), expectCodedOutcome), { seed: SEED, numRuns: 500 });
  });
});
