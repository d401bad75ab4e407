import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PyDict, pyDict, validateAgainst, type PyValue, loadMergeRules } from '@shardwise/core';
import { mergeRun, parsePyJson, stringifyPyJson, writeMerge } from '@shardwise/merge';
import { buildRun, correctAt, gsm8kLike, put, type DatasetSpec } from '../fixtures/merge/split-run.js';

const { rules } = loadMergeRules();
const gsm8k = (sizes: number[], extra: Partial<DatasetSpec> = {}): DatasetSpec => ({
  abbr: 'gsm8k',
  evaluator: 'Gsm8kEvaluator',
  sizes,
  result: gsm8kLike,
  ...extra,
});

/** Judge letters per row: A correct, B incorrect, anything else not attempted. */
const letterAt = (r: number) => (r % 5 === 0 ? 'C' : r % 3 === 0 ? 'B' : 'A');
function judgeResult(rows: { start: number; end: number }): PyDict {
  const L = Array.from({ length: rows.end - rows.start }, (_, j) => letterAt(rows.start + j));
  // The shard's own numbers come from python3 running generic_llmjudge_postprocess's formulas, then
  // BaseEvaluator.evaluate's n == 1 averaging (floats).
  const out = execFileSync('python3', ['-c', JUDGE_PY, L.join('')], { encoding: 'utf8' });
  return parsePyJson(out, 'judge').value as PyDict;
}
const JUDGE_PY = `
import json, sys
L = sys.argv[1]; count = len(L)
C = L.count('A'); I = L.count('B'); U = count - C - I
is_correct = C / count; is_incorrect = I / count
g = is_correct + is_incorrect
aga = is_correct / g if g > 0 else 0
f1 = 2 * aga * is_correct / (aga + is_correct) if (aga + is_correct) > 0 else 0
r = {'accuracy': is_correct * 100, 'accuracy_given_attempted': aga * 100, 'f1': f1, 'attempted_ratio': (C + I) / count * 100,
     'correct_count': C, 'incorrect_count': I, 'not_attempted_count': U}
print(json.dumps({k: float(v) for k, v in r.items()}, indent=4))`;

const hashTree = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
};

describe('merging split results', () => {
  it('rule A with an unequal last shard equals the unsplit accuracy, keeps key order and rewrites details', () => {
    const { runDir, experiment, plan } = buildRun(['m1'], [gsm8k([3, 3, 2])]);
    const [o] = mergeRun(runDir, experiment, plan, rules);
    expect(o!.status).toBe('merged');
    const correct = Array.from({ length: 8 }, (_, r) => correctAt(r)).filter(Boolean).length;
    expect(o!.result!.get('accuracy')).toBeCloseTo((100 * correct) / 8, 12);
    expect([...o!.result!.keys()]).toEqual(['accuracy', 'details']);
    const labels = (o!.result!.get('details') as PyDict[]).map((d) => d.get('example_abbr'));
    expect(labels).toEqual(Array.from({ length: 8 }, (_, r) => `gsm8k_test_${r}`));
    expect(o!.rows.map((r) => [r.rows, r.checks.map((c) => c.source)])).toEqual([
      [3, ['predictions', 'details']],
      [3, ['predictions', 'details']],
      [2, ['predictions', 'details']],
    ]);
  });

  it('rule S rebuilds the LLM-judge metrics byte-identically to an unsplit evaluation', () => {
    const spec: DatasetSpec = {
      abbr: 'simpleqa',
      evaluator: 'GenericLLMEvaluator',
      sizes: [7, 7, 6],
      evaluatorExtra: [['dict_postprocessor', pyDict([['type', 'opencompass.datasets.generic_llmjudge_postprocess']])]],
      result: judgeResult,
    };
    const { runDir, experiment, plan } = buildRun(['m1'], [spec]);
    const [o] = mergeRun(runDir, experiment, plan, rules);
    expect(o!.status).toBe('merged');
    expect(stringifyPyJson(o!.result!)).toBe(stringifyPyJson(judgeResult({ start: 0, end: 20 })));
    expect(o!.keys.find((k) => k.key === 'f1')).toMatchObject({ rule: 'S', recompute: 'generic-llmjudge' });
  });

  it.each([
    ['NaN in every shard', [NaN, NaN], 'shard 0 has nan'],
    ['Infinity in the last shard', [62.5, Infinity], 'shard 1 has inf'],
    [
      '-Infinity in one element of a list value',
      [
        [50.0, 1.0],
        [25.0, -Infinity],
      ],
      'shard 1 has -inf',
    ],
  ])('a mean metric with %s is refused for re-evaluation, never merged to a non-finite value', (_, values, named) => {
    const nanSpec: DatasetSpec = {
      abbr: 'r2',
      evaluator: 'AccEvaluator',
      sizes: [2, 2],
      result: (r) => pyDict([['accuracy', values[r.index]!]]),
    };
    const { runDir, experiment, plan } = buildRun(['m1'], [nanSpec]);
    const [o] = mergeRun(runDir, experiment, plan, rules);
    expect(o!.status).toBe('refused');
    expect(o!.result).toBeUndefined();
    expect(o!.refusal).toMatchObject({ code: 'SW_MERGE_NON_FINITE', reevaluate: true });
    expect(o!.refusal!.reason).toContain(`accuracy: ${named}`);
    expect(o!.issues.map((i) => i.code)).toContain('SW_MERGE_NON_FINITE');
    expect(o!.writes.map((w) => w.kind)).toEqual(['predictions', 'sidecar']);
  });

  it('an A* shard with weight 0 is skipped whatever its value; with a nonzero weight NaN refuses', () => {
    const mp20 = (matched: bigint[]): DatasetSpec => ({
      abbr: 'mp20',
      evaluator: 'MP20Evaluator',
      sizes: [3, 3],
      result: (r) =>
        pyDict([
          ['match_rate', (100 * Number(matched[r.index]!)) / 3],
          ['mean_rms_dist', r.index ? 0.25 : NaN],
          ['matched', matched[r.index]!],
        ]),
    });
    const skipped = buildRun(['m1'], [mp20([0n, 2n])]);
    const [ok] = mergeRun(skipped.runDir, skipped.experiment, skipped.plan, rules);
    expect(ok!.status).toBe('merged');
    expect(ok!.result!.get('mean_rms_dist')).toBe(0.25);
    const weighted = buildRun(['m1'], [mp20([1n, 2n])]);
    const [refused] = mergeRun(weighted.runDir, weighted.experiment, weighted.plan, rules);
    expect(refused!.refusal).toMatchObject({
      code: 'SW_MERGE_NON_FINITE',
      reason: expect.stringContaining('mean_rms_dist: shard 0 has nan'),
    });
  });

  it('a metric missing in a shard outranks a non-finite one (KEYS_DIFFER, then BAD_VALUE, then NON_FINITE)', () => {
    const mixed: DatasetSpec = {
      abbr: 'r2',
      evaluator: 'AccEvaluator',
      sizes: [2, 2],
      result: (r) =>
        pyDict(
          r.index
            ? [['accuracy', NaN]]
            : [
                ['accuracy', NaN],
                ['score', 50.0],
              ],
        ),
    };
    const { runDir, experiment, plan } = buildRun(['m1'], [mixed]);
    const [o] = mergeRun(runDir, experiment, plan, rules);
    expect(o!.refusal!.code).toBe('SW_MERGE_KEYS_DIFFER');
  });

  it.each([
    ['a §5 evaluator', { evaluator: 'HumanEvalEvaluator' }, 'SW_MERGE_NEEDS_REEVAL'],
    ['an unknown evaluator', { evaluator: 'BrandNewEvaluator' }, 'SW_MERGE_UNKNOWN_EVALUATOR'],
    ['n > 1', { n: 2 }, 'SW_MERGE_REPEATED_SAMPLING'],
  ])('%s is refused with merged predictions and the re-evaluation command', (_, extra, code) => {
    const { runDir, experiment, plan } = buildRun(['m1'], [gsm8k([3, 3, 2], extra)]);
    const [o] = mergeRun(runDir, experiment, plan, rules);
    expect(o!.status).toBe('refused');
    expect(o!.refusal!.code).toBe(code);
    expect(o!.issues.map((i) => i.code)).toContain(code);
    expect(o!.reevaluation!.command).toBe(`opencompass /cfg/eval_demo.py -w ${join(runDir, '..')} -m eval -r 20250101_000000`);
    expect(o!.reevaluation!.prerequisites.join(' ')).toContain('NaivePartitioner');
    const preds = o!.reevaluation!.predictions!;
    expect([...preds.keys()]).toEqual(Array.from({ length: 8 }, (_, j) => String(j)));
    expect((preds.get('3') as PyDict).get('prediction')).toBe('gsm8k_1-0');
    expect(o!.writes.map((w) => [w.path, w.kind])).toEqual([
      ['predictions/m1/gsm8k.json', 'predictions'],
      ['predictions/m1/gsm8k.shardwise.json', 'sidecar'],
    ]);
    // The sidecar records every infer shard's hash, so check knows these predictions as shardwise's merge.
    const sidecar = JSON.parse(o!.writes[1]!.text) as {
      result: { path: string };
      shards: { path: string; rows: number }[];
      keys: unknown[];
    };
    expect(validateAgainst('merge-sidecar.schema.json', sidecar)).toEqual([]);
    expect(sidecar.result.path).toBe('predictions/m1/gsm8k.json');
    expect(sidecar.shards.map((x) => x.path)).toEqual([
      'predictions/m1/gsm8k_0.json',
      'predictions/m1/gsm8k_1.json',
      'predictions/m1/gsm8k_2.json',
    ]);
    expect(sidecar.keys).toEqual([]);
  });

  it('a missing shard, a stale extra shard, an error shard and a count mismatch each refuse with their code', () => {
    const cases: [string, (runDir: string) => void, string][] = [
      ['missing', (d) => rmSync(join(d, 'results/m1/gsm8k_1.json')), 'SW_MERGE_SHARD_MISSING'],
      ['extra', (d) => put(d, 'results/m1/gsm8k_3.json', pyDict([['accuracy', 50.0]])), 'SW_MERGE_SHARD_EXTRA'],
      [
        'error',
        (d) => put(d, 'results/m1/gsm8k_2.json', pyDict([['error', 'preds and refrs have different length']])),
        'SW_MERGE_SHARD_ERROR',
      ],
      [
        'count',
        (d) =>
          put(
            d,
            'predictions/m1/gsm8k_0.json',
            pyDict([
              ['0', 'a'],
              ['1', 'b'],
            ]),
          ),
        'SW_MERGE_COUNT_MISMATCH',
      ],
      ['truncated', (d) => writeFileSync(join(d, 'results/m1/gsm8k_0.json'), '{"accuracy": 66.6'), 'SW_MERGE_SHARD_MISSING'],
    ];
    for (const [, damage, code] of cases) {
      const { runDir, experiment, plan } = buildRun(['m1'], [gsm8k([3, 3, 2])]);
      damage(runDir);
      const [o] = mergeRun(runDir, experiment, plan, rules);
      expect(o!.refusal?.code).toBe(code);
    }
  });

  it('an error shard propagates {"error": "shard <i>: …"} as the in-memory result', () => {
    const { runDir, experiment, plan } = buildRun(['m1'], [gsm8k([3, 3, 2])]);
    put(runDir, 'results/m1/gsm8k_1.json', pyDict([['error', 'boom']]));
    const [o] = mergeRun(runDir, experiment, plan, rules);
    expect(stringifyPyJson(o!.result!)).toBe('{\n    "error": "shard 1: boom"\n}');
  });

  it('an unsplit abbr that looks like a shard (gsm8k_5 as a dataset) is not an extra shard', () => {
    const { runDir, experiment, plan } = buildRun(
      ['m1'],
      [gsm8k([3, 3, 2]), { abbr: 'gsm8k_5', evaluator: 'AccEvaluator', sizes: [2, 2], result: () => pyDict([['accuracy', 50.0]]) }],
    );
    put(runDir, 'results/m1/gsm8k_5.json', pyDict([['accuracy', 50.0]]));
    expect(mergeRun(runDir, experiment, plan, rules).map((o) => o.status)).toEqual(['merged', 'merged']);
  });

  it('--write is atomic, leaves inputs untouched, writes a valid sidecar, and a second run changes nothing', () => {
    const { runDir, experiment, plan } = buildRun(['m1'], [gsm8k([3, 3, 2])]);
    const before = hashTree(runDir);
    const first = writeMerge(runDir, mergeRun(runDir, experiment, plan, rules));
    expect(first).toEqual({ written: ['results/m1/gsm8k.json', 'results/m1/gsm8k.shardwise.json'], issues: [] });
    const after = hashTree(runDir);
    for (const [p, h] of Object.entries(before)) expect(after[p]).toBe(h);
    const sidecar = JSON.parse(readFileSync(join(runDir, 'results/m1/gsm8k.shardwise.json'), 'utf8'));
    expect(validateAgainst('merge-sidecar.schema.json', sidecar)).toEqual([]);
    const second = mergeRun(runDir, experiment, plan, rules);
    expect(second[0]!.writes.map((w) => w.state)).toEqual(['identical', 'identical']);
    expect(writeMerge(runDir, second)).toEqual({ written: [], issues: [] });
    expect(hashTree(runDir)).toEqual(after);
  });

  it('never replaces a different unsplit result without --force', () => {
    const { runDir, experiment, plan } = buildRun(['m1'], [gsm8k([3, 3, 2])]);
    put(runDir, 'results/m1/gsm8k.json', pyDict([['accuracy', 1.0]]));
    const r = writeMerge(runDir, mergeRun(runDir, experiment, plan, rules));
    expect(r.issues.map((i) => i.code)).toEqual(['SW_MERGE_UNSPLIT_EXISTS']);
    expect(readFileSync(join(runDir, 'results/m1/gsm8k.json'), 'utf8')).toContain('1.0');
    const forced = writeMerge(runDir, mergeRun(runDir, experiment, plan, rules), { force: true });
    expect(forced.written).toContain('results/m1/gsm8k.json');
    expect(existsSync(join(runDir, 'results/m1/gsm8k.shardwise.json'))).toBe(true);
  });

  it('rule SUM keeps exact integers and S recomputes the MBPP score from summed counts', () => {
    const mbpp: DatasetSpec = {
      abbr: 'mbpp',
      evaluator: 'MBPPEvaluator',
      sizes: [4, 4, 3],
      result: ({ start, end }) => {
        let pass = 0;
        for (let r = start; r < end; r++) pass += correctAt(r) ? 1 : 0;
        const n = end - start;
        return pyDict([
          ['pass', pass * 1.0],
          ['timeout', 0.0],
          ['failed', (n - pass) * 1.0],
          ['wrong_answer', 0.0],
          ['score', (pass / n) * 100],
        ] as [string, PyValue][]);
      },
    };
    const { runDir, experiment, plan } = buildRun(['m1'], [mbpp]);
    const [o] = mergeRun(runDir, experiment, plan, rules);
    const pass = Array.from({ length: 11 }, (_, r) => correctAt(r)).filter(Boolean).length;
    expect(o!.result!.get('pass')).toBe(pass);
    expect(o!.result!.get('score')).toBe((pass / 11) * 100);
  });
});
