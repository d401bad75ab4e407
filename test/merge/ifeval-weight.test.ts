import { describe, expect, it } from 'vitest';
import { pyDict, type PyDict, type PyValue, loadMergeRules } from '@shardwise/core';
import { mergeRun } from '@shardwise/merge';
import { buildRun } from '../fixtures/merge/split-run.js';

const { rules } = loadMergeRules();

/** Instructions of prompt r: 1 to 3 of them (a third of the prompts have exactly one). */
const instructionsOf = (r: number, most: number) => Array.from({ length: 1 + (r % most) }, (_, k) => `keywords:rule_${(r + k) % 5}`);
const strictAt = (r: number, k: number) => (r + k) % 4 !== 0;
const looseAt = (r: number, k: number) => (r + k) % 5 !== 0;

/**
 * IFEvaluator over rows [start, end) as BaseEvaluator.evaluate writes it for n == 1 (path A): metrics as
 * floats, details a list whose entries hold every field as a one-element per-replica list (docs/opencompass.md §2.4).
 */
function ifevalResult(
  start: number,
  end: number,
  abbr: string,
  most = 3,
  refer = (r: number): PyValue =>
    pyDict([
      ['key', BigInt(r)],
      ['instruction_id_list', instructionsOf(r, most)],
      ['kwargs', instructionsOf(r, most).map(() => pyDict())],
    ]),
): PyDict {
  const rows = Array.from({ length: end - start }, (_, k) => start + k);
  const inst = (ok: (r: number, k: number) => boolean) => rows.flatMap((r) => instructionsOf(r, most).map((_, k) => ok(r, k)));
  const prompt = (ok: (r: number, k: number) => boolean) => rows.map((r) => instructionsOf(r, most).every((_, k) => ok(r, k)));
  const pct = (xs: boolean[]) => (100 * xs.filter(Boolean).length) / xs.length;
  return pyDict([
    ['Prompt-level-strict-accuracy', pct(prompt(strictAt))],
    ['Inst-level-strict-accuracy', pct(inst(strictAt))],
    ['Prompt-level-loose-accuracy', pct(prompt(looseAt))],
    ['Inst-level-loose-accuracy', pct(inst(looseAt))],
    [
      'details',
      rows.map((r) =>
        pyDict([
          ['example_abbr', `${abbr}_${r}`],
          ['prompt', [`Write about topic ${r}.`]],
          ['pred', [`Answer ${r}`]],
          ['refer', [refer(r)]],
          ['is_strict_correct', [instructionsOf(r, most).every((_, k) => strictAt(r, k))]],
          ['is_loose_correct', [instructionsOf(r, most).every((_, k) => looseAt(r, k))]],
        ]),
      ),
    ],
  ]);
}

function merge(sizes: number[], result: (r: { start: number; end: number; abbr: string }) => PyDict) {
  const { runDir, experiment, plan } = buildRun(['m1'], [{ abbr: 'IFEval', evaluator: 'IFEvaluator', sizes, result }]);
  return mergeRun(runDir, experiment, plan, rules)[0]!;
}

describe('A* weight from refer.instruction_id_list (IFEvaluator Inst-level keys)', () => {
  it('prompts with exactly one instruction count as one; the merge equals the unsplit evaluation', () => {
    const o = merge([7, 7, 6], (r) => ifevalResult(r.start, r.end, r.abbr));
    expect(o.refusal?.reason).toBeUndefined();
    expect(o.status).toBe('merged');
    const unsplit = ifevalResult(0, 20, 'IFEval');
    for (const key of [
      'Inst-level-strict-accuracy',
      'Inst-level-loose-accuracy',
      'Prompt-level-strict-accuracy',
      'Prompt-level-loose-accuracy',
    ])
      expect(o.result!.get(key)).toBeCloseTo(unsplit.get(key) as number, 10);
    expect(o.keys.find((k) => k.key === 'Inst-level-strict-accuracy')).toMatchObject({ rule: 'A*' });
  });

  it('a shard whose every prompt has a single instruction is weighted by its prompt count', () => {
    const o = merge([4, 4], (r) => ifevalResult(r.start, r.end, r.abbr, r.start === 0 ? 1 : 3));
    expect(o.status).toBe('merged');
    const w = [4, [4, 5, 6, 7].reduce((s, r) => s + 1 + (r % 3), 0)];
    const a = [0, 1].map((i) => ifevalResult(4 * i, 4 * i + 4, 'x', i ? 3 : 1).get('Inst-level-strict-accuracy') as number);
    expect(o.result!.get('Inst-level-strict-accuracy')).toBeCloseTo((a[0]! * w[0]! + a[1]! * w[1]!) / (w[0]! + w[1]!), 10);
  });

  it('only the per-replica wrapper of the top-level field is read through: a bare instruction id is no list', () => {
    const o = merge([3, 3], (r) =>
      ifevalResult(r.start, r.end, r.abbr, 3, (x) =>
        pyDict([
          ['key', BigInt(x)],
          ['instruction_id_list', 'keywords:rule_0'],
        ]),
      ),
    );
    expect(o.refusal?.code).toBe('SW_MERGE_BAD_VALUE');
  });
});
