import { describe, expect, it } from 'vitest';
import { pyDict, RunTree, loadMergeRules } from '@shardwise/core';
import { mergeRun, summarizeRun } from '@shardwise/merge';
import { PredictionCounts } from '@shardwise/plan';
import { buildRun, put } from '../fixtures/merge/split-run.js';

const accuracy = ({ index }: { index: number }) => pyDict([['accuracy', index === 0 ? 80.0 : 100.0]]);
const threeRows = pyDict([
  ['0', pyDict([])],
  ['1', pyDict([])],
  ['2', pyDict([])],
]);

describe('summarize reads one model’s prediction counts; check and merge cross-check every model', () => {
  it('a shard whose uncounted predictions disagree still merges in the summary, and merge refuses it', () => {
    const { runDir, experiment, plan } = buildRun(
      ['m1', 'm2'],
      [{ abbr: 'c', evaluator: 'AccEvaluator', sizes: [2, 1], result: accuracy }],
    );
    put(runDir, 'predictions/m2/c_0.json', threeRows);
    const sizesStep = () => {
      // As the sizes step leaves them: the first model's predictions counted.
      const counts = new PredictionCounts(new RunTree(runDir));
      counts.count('predictions/m1/c_0.json');
      counts.count('predictions/m1/c_1.json');
      return counts;
    };
    const rules = loadMergeRules().rules;
    expect(summarizeRun(runDir, experiment, plan, rules, 't', sizesStep()).csv.split('\n')[1]).toBe('c,4d3a0b,accuracy,gen,86.67,86.67');
    const merged = mergeRun(runDir, experiment, plan, rules, sizesStep());
    expect(merged.map((o) => [o.model, o.status])).toEqual([
      ['m1', 'merged'],
      ['m2', 'refused'],
    ]);
    expect(merged[1]!.issues.map((i) => i.code)).toContain('SW_MERGE_COUNT_MISMATCH');
  });

  it('a prediction file the sizes step counted is still cross-checked by the summary', () => {
    const { runDir, experiment, plan } = buildRun(
      ['m1', 'm2'],
      [{ abbr: 'c', evaluator: 'AccEvaluator', sizes: [2, 1], result: accuracy }],
    );
    put(runDir, 'predictions/m1/c_0.json', threeRows);
    const counts = new PredictionCounts(new RunTree(runDir));
    counts.count('predictions/m1/c_0.json');
    const out = summarizeRun(runDir, experiment, plan, loadMergeRules().rules, 't', counts);
    expect(out.csv.split('\n')[1]).toBe('c,4d3a0b,accuracy,gen,-,86.67');
    expect(out.mergeIssues.map((i) => i.code)).toContain('SW_MERGE_COUNT_MISMATCH');
  });
});
