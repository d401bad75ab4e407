import { describe, expect, it } from 'vitest';
import { entriesFor, evaluatorInfoOf, evaluatorVerdict, loadMergeRules, pyDict, verdictOf, type PyValue } from '@shardwise/core';
import { mergeRun } from '@shardwise/merge';
import { checkRun } from '@shardwise/plan';
import { buildRun, type DatasetSpec } from '../fixtures/merge/split-run.js';

/*
 * Issue 14 part 3: check and merge read one rule table, so they cannot disagree. One split run holds a dataset per
 * evaluator entry of the table (with and without each config key that invalidates it, plus an evaluator the table
 * does not know); each shard result carries one key per key pattern of the entries that apply. For every dataset,
 * check's verdict (its SW_EVAL_SPLIT_* issue, from evaluatorVerdict) and merge's per-key decisions must agree.
 */

const { rules } = loadMergeRules();
/** A key matching a pattern: `*` stands for any run of characters. */
const concrete = (pattern: string) => pattern.replaceAll('*', 'x');
/** An evaluator type or postprocessor name matching a glob of the table. */
const named = (glob: string) => glob.replaceAll('*', 'Some');

function datasets(): DatasetSpec[] {
  const out: DatasetSpec[] = [];
  rules.evaluators.forEach((e, i) => {
    const variants: [string, PyValue][][] = [[]];
    for (const k of e.refuseIfConfigHas ?? []) variants.push([[k, pyDict([['abbr', 'whole']])]]);
    variants.forEach((extra, j) => {
      const evaluatorExtra: [string, PyValue][] = [
        ...(e.postprocessor
          ? [['dict_postprocessor', pyDict([['type', `opencompass.datasets.${named(e.postprocessor)}`]])] as [string, PyValue]]
          : []),
        ...extra,
      ];
      out.push({ abbr: `e${i}_${j}`, evaluator: named(e.evaluator), evaluatorExtra, sizes: [3, 2], result: () => pyDict([]) });
    });
  });
  out.push({ abbr: 'unknown', evaluator: 'NoSuchEvaluator', sizes: [3, 2], result: () => pyDict([]) });
  // Every key pattern of the entries that apply to the dataset, one float each (shard results are built after the infos).
  return out.map((d) => {
    const ev = evaluatorInfoOf(
      pyDict([['eval_cfg', pyDict([['evaluator', pyDict([['type', d.evaluator], ...(d.evaluatorExtra ?? [])])]])]]),
      d.evaluator,
    );
    // An entry invalid per shard lists no keys: its results still have some.
    const listed = [...new Set(entriesFor(rules, ev).flatMap((e) => e.keys.map((k) => concrete(k.key))))];
    const keys = listed.length ? listed : ['accuracy'];
    return { ...d, result: () => pyDict(keys.map((k) => [k, 50.0] as [string, PyValue])) };
  });
}

describe('check and merge agree on every evaluator and key pattern of the rule table', () => {
  const specs = datasets();
  const { runDir, experiment, plan } = buildRun(['m1'], specs);
  const report = checkRun(runDir, experiment, plan, { rules });
  const outcomes = mergeRun(runDir, experiment, plan, rules);

  it('covers every entry of the table', () => {
    expect(specs.length).toBeGreaterThan(rules.evaluators.length);
    expect(outcomes.length).toBe(specs.length);
  });

  it.each(specs.map((s) => [s.abbr, s.evaluator] as const))('%s (%s)', (abbr) => {
    const ds = experiment.datasets.find((d) => d.abbr === abbr)!;
    const verdict = evaluatorVerdict(rules, evaluatorInfoOf(ds.config, ds.evaluatorType));
    const checked = report.issues.filter((i) => i.abbr === abbr && i.code.startsWith('SW_EVAL_SPLIT_'));
    const o = outcomes.find((x) => x.dataset === abbr)!;
    const refusedKeys = verdict.keys.filter((k) => k.verdict === 'refused');
    // check: one issue naming the evaluator-level refusal or every refused pattern; none when all merge.
    const code = verdict.refused
      ? verdict.refused.origin === 'unknown-evaluator'
        ? 'SW_EVAL_SPLIT_KEYS_REFUSED'
        : 'SW_EVAL_SPLIT_INVALID_EVALUATOR'
      : refusedKeys.length
        ? 'SW_EVAL_SPLIT_KEYS_REFUSED'
        : undefined;
    expect(checked.map((i) => i.code)).toEqual(code ? [code] : []);
    const named = verdict.refused ? [verdict.refused.reason] : refusedKeys.map((k) => `${k.key} (`);
    expect(named.filter((n) => !checked[0]?.message.includes(n))).toEqual([]);
    // merge: an evaluator-level refusal makes every key R with that reason; otherwise each listed pattern's key
    // gets the rule check reported for the pattern, and any refused key refuses the dataset for re-evaluation.
    expect(o.keys.length).toBeGreaterThan(0);
    const expected = verdict.refused
      ? o.keys.map((d) => ({ key: d.key, verdict: 'refused', reason: verdict.refused!.reason }))
      : verdict.keys.map((k) => ({ key: concrete(k.key), verdict: k.verdict, reason: k.reason }));
    const decided = expected.map(({ key }) => o.keys.find((d) => d.key === key)!);
    expect(decided.map((d) => ({ key: d.key, verdict: verdictOf(d.rule), reason: d.reason }))).toEqual(expected);
    // (A merge may still refuse on a value, e.g. an A* weight these bare results lack: that is no rule verdict.)
    const ruleRefusal = ['SW_MERGE_NEEDS_REEVAL', 'SW_MERGE_UNKNOWN_EVALUATOR'].find((c) => c === o.refusal?.code);
    expect(ruleRefusal).toBe(
      verdict.refused
        ? verdict.refused.origin === 'unknown-evaluator'
          ? 'SW_MERGE_UNKNOWN_EVALUATOR'
          : 'SW_MERGE_NEEDS_REEVAL'
        : refusedKeys.length
          ? 'SW_MERGE_NEEDS_REEVAL'
          : undefined,
    );
  });
});
