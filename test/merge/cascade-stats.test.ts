import { describe, expect, it } from 'vitest';
import { pyDict, type PyDict, type PyValue, loadMergeRules } from '@shardwise/core';
import { mergeRun, stringifyPyJson } from '@shardwise/merge';
import { buildRun } from '../fixtures/merge/split-run.js';

const { rules } = loadMergeRules();

/** Rows decided by the rule stage (r % 4 == 0) or, among the rest, judged correct by the LLM (r % 3 == 1). */
const ruleHit = (r: number) => r % 4 === 0;
const llmHit = (r: number) => !ruleHit(r) && r % 3 === 1;

/**
 * CascadeEvaluator's result over rows [start, end), path A (cascade_stats wrapped per replica), with extra
 * cascade_stats keys given per shard index.
 */
function cascadeResult(start: number, end: number, extra: [string, PyValue][]): PyDict {
  const rows = Array.from({ length: end - start }, (_, k) => start + k);
  const rule = rows.filter(ruleHit).length;
  const llm = rows.filter(llmHit).length;
  const n = rows.length;
  const stats = pyDict([
    ['total_samples', BigInt(n)],
    ['rule_correct', BigInt(rule)],
    ['rule_accuracy', (rule / n) * 100],
    ['llm_evaluated', BigInt(n - rule)],
    ['llm_correct', BigInt(llm)],
    ['llm_accuracy', (llm / (n - rule)) * 100],
    ['final_correct', BigInt(rule + llm)],
    ['final_accuracy', ((rule + llm) / n) * 100],
    ['parallel_mode', false],
    ...extra,
  ]);
  return pyDict([
    ['accuracy', ((rule + llm) / n) * 100],
    ['cascade_stats', [stats]],
  ]);
}

function merge(sizes: number[], extra: (index: number) => [string, PyValue][]) {
  const { runDir, experiment, plan } = buildRun(
    ['m1'],
    [{ abbr: 'math', evaluator: 'CascadeEvaluator', sizes, result: (r) => cascadeResult(r.start, r.end, extra(r.index)) }],
  );
  return mergeRun(runDir, experiment, plan, rules)[0]!;
}

// Names every plain JS object answers to through Object.prototype; as cascade_stats keys they are data.
const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

describe('cascade-stats', () => {
  it('copies keys named like Object.prototype members instead of writing them as ratios', () => {
    const extra = (): [string, PyValue][] => PROTOTYPE_NAMES.map((k, i) => [k, i % 2 ? BigInt(i) : `mode-${k}`]);
    const o = merge([5, 5, 3], extra);
    expect(o.status).toBe('merged');
    expect(stringifyPyJson(o.result!.get('cascade_stats')!)).toBe(stringifyPyJson(cascadeResult(0, 13, extra()).get('cascade_stats')!));
  });

  it('a prototype-named key that differs across shards is refused like any other copied key', () => {
    const o = merge([4, 4], (i) => [['constructor', `shard ${i}`]]);
    expect(o.refusal?.code).toBe('SW_MERGE_BAD_VALUE');
  });
});
