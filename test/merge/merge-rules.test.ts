import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMergeRules, mergeRulesPath, resolveRule, validateAgainst } from '@shardwise/core';

const info = (type: string, postprocessor?: string, configKeys: string[] = []) => ({
  type,
  configKeys,
  ...(postprocessor ? { postprocessor } : {}),
});

describe('the merge-rule table', () => {
  const { rules, issues } = loadMergeRules();

  // The shipped table is validated here and by release:pack, not on every run (loadMergeRules).
  it('validates against its schema', () => {
    expect(validateAgainst('merge-rules.schema.json', JSON.parse(readFileSync(mergeRulesPath(), 'utf8')))).toEqual([]);
    expect(issues).toEqual([]);
  });

  // docs/metrics.md §8: every evaluator used in at least 3 config files has an explicit entry.
  it.each([
    'AccEvaluator',
    'GenericLLMEvaluator',
    'LMEvaluator',
    'MATHEvaluator',
    'CascadeEvaluator',
    'CircularEvaluator',
    'HumanEvalEvaluator',
    'AccwithDetailsEvaluator',
    'NeedleBenchOriginEvaluator',
    'MATHVerifyEvaluator',
    'MBPPEvaluator',
    'TriviaQAEvaluator',
    'RougeEvaluator',
    'LongBenchF1Evaluator',
    'BabiLongEvaluator',
    'NeedleBenchParallelEvaluator',
    'NeedleBenchMultiEvaluator',
    'EMEvaluator',
    'Gsm8kEvaluator',
    'LCBCodeGenerationEvaluator',
    'LCBCodeExecutionEvaluator',
    'LCBTestOutputEvaluator',
    'LongBenchRougeEvaluator',
    'BBHEvaluator',
    'BleuEvaluator',
    'NQEvaluator',
    'BBHEvaluator_mcq',
    'BigCodeBenchEvaluator',
    'LiveMathBenchEvaluator',
    'MBPPPassKEvaluator',
    'MRCREvaluator',
    'HumanEvalPlusEvaluator',
    'LVEvalOPTF1Evaluator',
    'HumanevalXEvaluator',
    'AccDropEvaluator',
    'AveragePPLEvaluator',
    'CIBenchEvaluator',
    'LCPassKEvaluator',
    'MATHAgentEvaluator',
    'AGIEvalEvaluator',
    'FTSEvaluator',
    'GPQAEvaluator',
    'MeteorEvaluator',
    'TACOEvaluator',
    'korbenchEvaluator',
    'AUCROCEvaluator',
    'AccContaminationEvaluator',
    'LongBenchClassificationEvaluator',
    'LongBenchCodeSimEvaluator',
    'LongBenchRetrievalEvaluator',
    'TEvalEvaluator',
    'ARCPrizeEvaluator',
    'DropOpenAIEvaluator',
    'GaoKaoMATHEvaluator',
    'Gsm8kAgentEvaluator',
    'IFEvaluator',
    'JiebaRougeEvaluator',
    'MusrEvaluator',
    'NCElementMatchEvaluator',
    'NCExactMatchEvaluator',
    'OlympiadBenchEvaluator',
    'RMSEEvaluator',
    'SciCodeEvaluator',
    'SuperGPQAEvaluator',
    'TheoremQAEvaluatorV3',
    'ToxicEvaluator',
  ])('%s has an entry', (ev) => expect(resolveRule(rules, info(ev), 'some_key').origin).not.toBe('unknown-evaluator'));

  it.each([
    ['AccEvaluator', undefined, 'accuracy', 'A'],
    ['GenericLLMEvaluator', 'generic_llmjudge_postprocess', 'f1', 'S'],
    ['GenericLLMEvaluator', 'generic_llmjudge_postprocess', 'correct_count', 'SUM'],
    ['BleuEvaluator', undefined, 'score', 'S'],
    ['BleuEvaluator', undefined, 'counts', 'SUM'],
    ['HumanEvalEvaluator', undefined, 'humaneval_pass@1', 'R'],
    ['CircularEvaluator', undefined, 'acc_4', 'A'],
    ['CircularEvaluator', undefined, 'more_4_2', 'R'],
    ['MATHAgentEvaluator', undefined, 'code_acc', 'A*'],
    ['ToxicEvaluator', undefined, 'expected_max_toxicity', 'MAX'],
    ['AccEvaluator', undefined, 'accuracy (4 runs average)', 'R'],
    ['SomeNewEvaluator', undefined, 'accuracy', 'R'],
    ['AccEvaluator', undefined, 'details', 'S'],
  ])('%s %s %s → %s', (ev, post, key, rule) => expect(resolveRule(rules, info(ev, post), key).rule.rule).toBe(rule));

  it('a GenericLLMEvaluator that rebuilds its dataset (dataset_cfg) is R for every key', () => {
    const r = resolveRule(rules, info('GenericLLMEvaluator', 'generic_llmjudge_postprocess', ['type', 'dataset_cfg']), 'accuracy');
    expect([r.rule.rule, r.origin]).toEqual(['R', 'config-invalid']);
  });

  it('shardwise.toml rules come first; a bad one is a coded issue', () => {
    const r = loadMergeRules([
      { evaluator: 'MyEvaluator', key: 'acc_*', rule: 'A' },
      { evaluator: 'MyEvaluator', key: 'ratio', rule: 'A*' },
      { evaluator: 'MyEvaluator', key: 'x', rule: 'S' },
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(['SW_MERGE_RULES_INVALID', 'SW_MERGE_RULES_INVALID']);
    expect(resolveRule(r.rules, info('MyEvaluator'), 'acc_top1').rule.rule).toBe('A');
  });

  it('names only recompute formulas that exist', async () => {
    const { recomputes } = await import('@shardwise/merge');
    const text = readFileSync(mergeRulesPath(), 'utf8');
    for (const m of text.matchAll(/"recompute": "([^"]+)"/g)) expect(Object.keys(recomputes)).toContain(m[1]);
  });
});
