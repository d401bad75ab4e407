import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, pyDict, loadMergeRules } from '@shardwise/core';
import { mergeRun, summarizeRun } from '@shardwise/merge';
import { buildRun } from '../fixtures/merge/split-run.js';
import { tempDir } from '../support/temp-dir.js';

/*
 * Issue 14 part 4: a metric its evaluator's rule does not list (a customised evaluator's extra key) no longer
 * refuses the whole dataset. The covered keys merge and show numbers; the unlisted key is left out with its reason
 * and the shardwise.toml rule that would merge it, and its summary row shows `-` with that footnote.
 */

const hits = [2, 1];
const run = () =>
  buildRun(
    ['m1'],
    [
      {
        abbr: 'race',
        evaluator: 'AccEvaluator',
        sizes: [3, 2],
        result: (r) =>
          pyDict([
            ['accuracy', (hits[r.index]! / (r.end - r.start)) * 100],
            ['my_margin', 0.25 * (r.index + 1)],
          ]),
      },
    ],
  );

describe('metrics a rule does not list', () => {
  it('merges the covered keys and leaves the unlisted one out, with its reason and the shardwise.toml rule', () => {
    const { runDir, experiment, plan } = run();
    const [o] = mergeRun(runDir, experiment, plan, loadMergeRules().rules);
    expect(o!.status).toBe('merged');
    expect([...o!.result!.keys()]).toEqual(['accuracy']);
    expect(o!.result!.get('accuracy')).toBe((3 / 5) * 100);
    expect(o!.leftOut).toEqual([
      {
        key: 'my_margin',
        reason: 'key not listed for AccEvaluator and no fallback rule applies',
        tomlRule: '[[merge.rules]]\nevaluator = "AccEvaluator"\nkey = "my_margin"\nrule = "A"',
      },
    ]);
    const unlisted = o!.issues.find((i) => i.code === 'SW_MERGE_KEY_UNLISTED')!;
    expect(unlisted.hint).toContain(o!.leftOut![0]!.tomlRule);
  });

  it('the suggested shardwise.toml rule is valid and merges the key', () => {
    const { runDir, experiment, plan } = run();
    const [first] = mergeRun(runDir, experiment, plan, loadMergeRules().rules);
    const file = join(tempDir('sw-toml-'), 'shardwise.toml');
    writeFileSync(file, first!.leftOut![0]!.tomlRule + '\n');
    const { rules, issues } = loadMergeRules(loadSettings(file).settings.merge!.rules);
    expect(issues).toEqual([]);
    const [o] = mergeRun(runDir, experiment, plan, rules);
    expect(o!.leftOut).toBeUndefined();
    expect(o!.result!.get('my_margin')).toBe((0.25 * 3 + 0.5 * 2) / 5);
  });

  it('the summary shows the covered metric and a `-` row for the unlisted one, explained', () => {
    const { runDir, experiment, plan } = run();
    const out = summarizeRun(runDir, experiment, plan, loadMergeRules().rules, 't');
    expect(out.table.slice(1).map((r) => [r[0], r[2], r[4]])).toEqual([
      ['race', 'accuracy', '60.00'],
      ['race', 'my_margin', '-'],
    ]);
    const dash = out.dashes.find((d) => d.metric === 'my_margin')!;
    expect(dash.kind).toBe('refused-merge');
    expect(dash.reason).toContain('[[merge.rules]]; evaluator = "AccEvaluator"; key = "my_margin"; rule = "A"');
  });

  it('a key a rule refuses (R) still refuses the dataset: re-evaluation gives it', () => {
    const { runDir, experiment, plan } = buildRun(
      ['m1'],
      [
        {
          abbr: 'circ',
          evaluator: 'CircularEvaluator',
          sizes: [4, 4],
          result: () =>
            pyDict([
              ['acc_4', 50.0],
              ['perf_4', 50.0],
            ]),
        },
      ],
    );
    const [o] = mergeRun(runDir, experiment, plan, loadMergeRules().rules);
    expect(o!.refusal!.code).toBe('SW_MERGE_NEEDS_REEVAL');
    expect(o!.refusal!.keys.map((k) => k.key)).toEqual(['perf_4']);
  });
});
