import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PyDict, pyDict, type PyValue } from '@shardwise/core';
import { buildRun, correctAt, gsm8kLike, put, type DatasetSpec } from '../fixtures/merge/split-run.js';
import { mergeBothWays, type ParityCase } from './merge-parity.js';

/*
 * The generated Python's `--write` against the TS core's write path on the same work dirs: the trees
 * afterwards must be byte-identical (merged results, sidecars, merged predictions), and both must report
 * the same outcome per dataset (status or refusal code, rows, key rules, planned writes) and the same
 * issue codes in the same order. Each case also pins the outcome it is about, so it cannot pass vacuously.
 */

const d = (...entries: [string, PyValue][]): PyDict => pyDict(entries);
type Rows = { start: number; end: number; abbr: string; index: number };
const rowsOf = ({ start, end }: Rows) => Array.from({ length: end - start }, (_, k) => start + k);
const spec = (
  abbr: string,
  evaluator: string,
  sizes: number[],
  result: (r: Rows) => PyDict,
  extra: Partial<DatasetSpec> = {},
): DatasetSpec => ({ abbr, evaluator, sizes, result, ...extra });
const gsm8k = (sizes = [3, 3, 2], extra: Partial<DatasetSpec> = {}) => spec('gsm8k', 'Gsm8kEvaluator', sizes, gsm8kLike, extra);
const share = (rows: number[], hit: (r: number) => boolean) => (100 * rows.filter(hit).length) / rows.length;

/** GenericLLMEvaluator judge letters: A correct, B incorrect, else not attempted; counts as floats (n == 1 averaging). */
const letterAt = (r: number) => (r % 5 === 0 ? 'C' : r % 3 === 0 ? 'B' : 'A');
function judge(r: Rows): PyDict {
  const L = rowsOf(r).map(letterAt);
  const [C, I] = [L.filter((x) => x === 'A').length, L.filter((x) => x === 'B').length];
  const n = L.length;
  const c = C / n;
  const g = c + I / n;
  const aga = g > 0 ? c / g : 0;
  return d(
    ['accuracy', c * 100],
    ['accuracy_given_attempted', aga * 100],
    ['f1', aga + c > 0 ? (2 * aga * c) / (aga + c) : 0],
    ['attempted_ratio', ((C + I) / n) * 100],
    ['correct_count', C * 1.0],
    ['incorrect_count', I * 1.0],
    ['not_attempted_count', (n - C - I) * 1.0],
  );
}
const judgeCfg = (post: string): [string, PyValue][] => [['dict_postprocessor', d(['type', `opencompass.datasets.${post}`])]];

/** sacrebleu-style sufficient statistics per row; `short` makes hypotheses shorter than references (bp < 1). */
function bleuStats(r: Rows, opts: { short?: boolean; no4?: boolean } = {}): PyDict {
  const counts = [0n, 0n, 0n, 0n];
  const totals = [0n, 0n, 0n, 0n];
  let sys = 0n;
  let ref = 0n;
  for (const row of rowsOf(r)) {
    const hyp = 4 + (row % 7);
    sys += BigInt(hyp);
    ref += BigInt(hyp + (opts.short ? 2 + (row % 3) : row % 2 ? -1 : 1));
    for (let n = 0; n < 4; n++) {
      totals[n]! += BigInt(Math.max(0, hyp - n));
      counts[n]! += opts.no4 && n === 3 ? 0n : BigInt(Math.max(0, hyp - n - (row % 3) - n));
    }
  }
  return d(
    ['score', 12.5 + r.index],
    ['counts', counts],
    ['totals', totals],
    ['precisions', [50.0, 25.0, 12.5, 6.25]],
    ['bp', 1.0],
    ['sys_len', sys],
    ['ref_len', ref],
  );
}

function cascade(r: Rows, extraStats: [string, PyValue][] = []): PyDict {
  const rows = rowsOf(r);
  const rule = rows.filter((x) => x % 4 === 0).length;
  const llm = rows.filter((x) => x % 4 !== 0 && x % 3 === 1).length;
  const stats = d(
    ['total_samples', BigInt(rows.length)],
    ['rule_correct', BigInt(rule)],
    ['llm_evaluated', BigInt(rows.length - rule)],
    ['llm_correct', BigInt(llm)],
    ['final_correct', BigInt(rule + llm)],
    ['rule_accuracy', (rule / rows.length) * 100],
    ['llm_accuracy', (llm / (rows.length - rule)) * 100],
    ['final_accuracy', ((rule + llm) / rows.length) * 100],
    ['parallel_mode', false],
    ...extraStats,
  );
  const details = rows.map((x) => d(['example_abbr', `${r.abbr}_${x}`], ['cascade_correct', x % 4 === 0 || x % 3 === 1]));
  return d(['accuracy', ((rule + llm) / rows.length) * 100], ['cascade_stats', [stats]], ['details', details]);
}

const isCorrect = (x: number) => x % 4 !== 1;
const withCorrectFlags = (r: Rows): PyDict =>
  d(
    ['acc', share(rowsOf(r), isCorrect)],
    ['details', rowsOf(r).map((x) => d(['example_abbr', `${r.abbr}_${x}`], ['is_correct', [isCorrect(x)]]))],
  );

function mathAgent(r: Rows): PyDict {
  const rows = rowsOf(r);
  const actions = rows.filter((x) => x % 3 !== 0);
  return d(
    ['follow_acc', share(rows, (x) => x % 2 === 0)],
    ['reasoning_acc', share(rows, correctAt)],
    ['code_acc', actions.length ? share(actions, (x) => x % 5 !== 0) : 0.0],
    ['action_pct', (100 * actions.length) / rows.length],
  );
}

/** IFEvaluator; prompts carry `fewest` to `fewest` + 2 instructions. */
function ifeval(r: Rows, fewest = 2): PyDict {
  const rows = rowsOf(r);
  const ids = (x: number) => Array.from({ length: fewest + (x % 3) }, (_, k) => `rule:${k}`);
  const inst = rows.flatMap((x) => ids(x).map((_, k) => (x + k) % 4 !== 0));
  return d(
    ['Prompt-level-strict-accuracy', share(rows, (x) => x % 4 !== 0)],
    ['Inst-level-strict-accuracy', (100 * inst.filter(Boolean).length) / inst.length],
    ['details', rows.map((x) => d(['prompt', `p${x}`], ['refer', [d(['key', BigInt(x)], ['instruction_id_list', ids(x)])]]))],
  );
}

const formatDetails = (r: Rows): PyDict =>
  d(
    ['accuracy', share(rowsOf(r), correctAt)],
    [
      'details',
      d(['type', 'GEN'], ...rowsOf(r).map((x, j): [string, PyValue] => [String(j), d(['pred', String(x)], ['correct', correctAt(x)])])),
    ],
  );

const withMeta = (r: Rows, extra = 0): PyDict => {
  const base = gsm8kLike(r);
  return d(
    ['accuracy', base.get('accuracy')!],
    ['_opencompass_meta', d(['num_samples', BigInt(r.end - r.start + extra)], ['version', '0.5.3'])],
    ['details', base.get('details')!],
  );
};

const mbpp =
  (asInts: boolean) =>
  (r: Rows): PyDict => {
    const rows = rowsOf(r);
    const pass = rows.filter(correctAt).length;
    const n = (x: number): PyValue => (asInts ? BigInt(x) : x * 1.0);
    return d(
      ['pass', n(pass)],
      ['timeout', n(0)],
      ['failed', n(rows.length - pass)],
      ['wrong_answer', n(0)],
      ['score', (pass / rows.length) * 100],
    );
  };

/** medmcqa-like judge shards holding the given [total_correct, total_count] (edge values for the rounding). */
const medmcqaCounts = (counts: [PyValue, PyValue][]) =>
  spec(
    'medmcqa',
    'GenericLLMEvaluator',
    counts.map(() => 3),
    (r) => d(['accuracy', 0.0], ['total_correct', counts[r.index]![0]], ['total_count', counts[r.index]![1]]),
    { evaluatorExtra: judgeCfg('medmcqa_llmjudge_postprocess') },
  );

const edit = (path: string, value: PyValue) => (dir: string) => put(dir, path, value);
const text = (path: string, body: string) => (dir: string) => writeFileSync(join(dir, path), body);
const remove = (path: string) => (dir: string) => rmSync(join(dir, path));

interface Case {
  name: string;
  build: () => ParityCase;
  before?: (runDir: string) => void;
  force?: boolean;
  /** Per outcome: 'merged' or the refusal code. */
  expect: string[];
  /** Issue codes that must be among those reported. */
  codes?: string[];
}

const cases: Case[] = [
  // The merge engineer's fixtures (test/merge/merge-run.test.ts).
  { name: 'A: gsm8k with an unequal last shard, details rewritten', build: () => buildRun(['m1'], [gsm8k()]), expect: ['merged'] },
  {
    name: 'S: LLM judge recomputed from summed counts',
    build: () =>
      buildRun(
        ['m1'],
        [spec('simpleqa', 'GenericLLMEvaluator', [7, 7, 6], judge, { evaluatorExtra: judgeCfg('generic_llmjudge_postprocess') })],
      ),
    expect: ['merged'],
  },
  {
    name: 'a NaN mean metric is refused, merged predictions written',
    build: () => buildRun(['m1'], [spec('r2', 'AccEvaluator', [2, 2], () => d(['accuracy', NaN]))]),
    expect: ['SW_MERGE_NON_FINITE'],
  },
  {
    name: 'an inf element of a listed mean metric is refused',
    build: () => buildRun(['m1'], [spec('nc', 'NCElementMatchEvaluator', [3, 3], (r) => d(['score', [10.0, r.index ? Infinity : 5.0]]))]),
    expect: ['SW_MERGE_NON_FINITE'],
  },
  {
    name: 'A*: a NaN shard with weight 0 is skipped, with weight 1 refused',
    build: () =>
      buildRun(
        ['m1'],
        [
          spec('mp20', 'MP20Evaluator', [3, 3], (r) =>
            d(['match_rate', 0.0], ['mean_rms_dist', r.index ? 0.25 : NaN], ['matched', BigInt(r.index)]),
          ),
          spec('mp20b', 'MP20Evaluator', [3, 3], (r) => d(['match_rate', 0.0], ['mean_rms_dist', r.index ? 0.25 : NaN], ['matched', 1n])),
        ],
      ),
    expect: ['merged', 'SW_MERGE_NON_FINITE'],
  },
  {
    name: 'a missing metric outranks a NaN one, a bad value too',
    build: () =>
      buildRun(
        ['m1'],
        [
          spec('r2', 'AccEvaluator', [2, 2], (r) => d(['accuracy', NaN], ...(r.index ? [] : [['score', 50.0] as [string, PyValue]]))),
          spec('race', 'AccEvaluator', [2, 2], (r) => d(['accuracy', -Infinity], ['score', r.index ? 'n/a' : 50.0])),
        ],
      ),
    expect: ['SW_MERGE_KEYS_DIFFER', 'SW_MERGE_BAD_VALUE'],
  },
  {
    name: 'R: a §5 evaluator, merged predictions written',
    build: () => buildRun(['m1'], [gsm8k([3, 3, 2], { evaluator: 'HumanEvalEvaluator' })]),
    expect: ['SW_MERGE_NEEDS_REEVAL'],
  },
  {
    name: 'an unknown evaluator',
    build: () => buildRun(['m1'], [gsm8k([3, 3, 2], { evaluator: 'BrandNewEvaluator' })]),
    expect: ['SW_MERGE_UNKNOWN_EVALUATOR'],
  },
  { name: 'n > 1', build: () => buildRun(['m1'], [gsm8k([3, 3, 2], { n: 2 })]), expect: ['SW_MERGE_REPEATED_SAMPLING'] },
  {
    name: 'a missing shard',
    build: () => buildRun(['m1'], [gsm8k()]),
    before: remove('results/m1/gsm8k_1.json'),
    expect: ['SW_MERGE_SHARD_MISSING'],
  },
  {
    name: 'a stale extra shard',
    build: () => buildRun(['m1'], [gsm8k()]),
    before: edit('results/m1/gsm8k_3.json', d(['accuracy', 50.0])),
    expect: ['SW_MERGE_SHARD_EXTRA'],
  },
  {
    name: 'an error shard',
    build: () => buildRun(['m1'], [gsm8k()]),
    before: edit('results/m1/gsm8k_2.json', d(['error', 'preds and refrs have different length'])),
    expect: ['SW_MERGE_SHARD_ERROR'],
  },
  {
    name: 'a prediction count mismatch',
    build: () => buildRun(['m1'], [gsm8k()]),
    before: edit('predictions/m1/gsm8k_0.json', d(['0', 'a'], ['1', 'b'])),
    expect: ['SW_MERGE_COUNT_MISMATCH'],
  },
  {
    name: 'a truncated shard result',
    build: () => buildRun(['m1'], [gsm8k()]),
    before: text('results/m1/gsm8k_0.json', '{"accuracy": 66.6'),
    expect: ['SW_MERGE_SHARD_MISSING'],
    codes: ['SW_JSON_TRUNCATED'],
  },
  {
    name: 'a dataset whose abbr looks like a shard (gsm8k_5) is no extra shard',
    build: () => buildRun(['m1'], [gsm8k(), spec('gsm8k_5', 'AccEvaluator', [2, 2], () => d(['accuracy', 50.0]))]),
    before: edit('results/m1/gsm8k_5.json', d(['accuracy', 50.0])),
    expect: ['merged', 'merged'],
  },
  {
    name: 'a different unsplit result is not replaced without --force',
    build: () => buildRun(['m1'], [gsm8k()]),
    before: edit('results/m1/gsm8k.json', d(['accuracy', 1.0])),
    expect: ['merged'],
    codes: ['SW_MERGE_UNSPLIT_EXISTS'],
  },
  {
    name: '--force replaces it',
    build: () => buildRun(['m1'], [gsm8k()]),
    before: edit('results/m1/gsm8k.json', d(['accuracy', 1.0])),
    force: true,
    expect: ['merged'],
  },
  {
    name: 'SUM of float counts and the S MBPP score',
    build: () => buildRun(['m1'], [spec('mbpp', 'MBPPEvaluator', [4, 4, 3], mbpp(false))]),
    expect: ['merged'],
  },

  // Every other rule class and refusal.
  { name: 'SUM of exact ints', build: () => buildRun(['m1'], [spec('mbpp', 'MBPPEvaluator', [4, 4, 3], mbpp(true))]), expect: ['merged'] },
  {
    name: 'SUM past 2**53 stays exact',
    build: () =>
      buildRun(
        ['m1'],
        [spec('ppl', 'AccEvaluator', [2, 2], (r) => d(['accuracy', 50.0 + r.index], ['num_tokens', 2n ** 60n + BigInt(r.index)]))],
      ),
    expect: ['merged'],
  },
  {
    name: 'S BLEU: list SUM of counts/totals, corpus BLEU recomputed',
    build: () => buildRun(['m1'], [spec('flores', 'BleuEvaluator', [5, 5, 4], (r) => bleuStats(r))]),
    expect: ['merged'],
  },
  {
    name: 'S BLEU with brevity penalty and smoothing of empty 4-gram matches',
    build: () => buildRun(['m1'], [spec('wmt', 'BleuEvaluator', [6, 6, 5], (r) => bleuStats(r, { short: true, no4: true }))]),
    expect: ['merged'],
  },
  {
    name: 'S cascade_stats: counts summed, ratios recomputed',
    build: () => buildRun(['m1'], [spec('math', 'CascadeEvaluator', [5, 5, 3], cascade)]),
    expect: ['merged'],
  },
  {
    name: 'S cascade_stats keys named like JS Object.prototype members are copied',
    build: () =>
      buildRun(
        ['m1'],
        [
          spec('math', 'CascadeEvaluator', [5, 5, 3], (r) =>
            cascade(r, [
              ['constructor', 'rule-then-llm'],
              ['toString', 3n],
              ['__proto__', d(['judge', 'm'])],
              ['valueOf', null],
            ]),
          ),
        ],
      ),
    expect: ['merged'],
  },
  {
    name: 'S total-correct-percent (rounded, approximate)',
    build: () =>
      buildRun(
        ['m1'],
        [
          spec(
            'medmcqa',
            'GenericLLMEvaluator',
            [5, 5, 4],
            (r) => {
              const rows = rowsOf(r);
              const c = rows.filter(correctAt).length;
              return d(
                ['accuracy', Number(((100 * c) / rows.length).toFixed(2))],
                ['total_correct', BigInt(c)],
                ['total_count', BigInt(rows.length)],
              );
            },
            { evaluatorExtra: judgeCfg('medmcqa_llmjudge_postprocess') },
          ),
        ],
      ),
    expect: ['merged'],
    codes: ['SW_MERGE_APPROXIMATE'],
  },
  {
    name: 'S total-correct-percent: an infinite ratio stays inf (round keeps it)',
    build: () =>
      buildRun(
        ['m1'],
        [
          medmcqaCounts([
            [1e308, 1.0],
            [0.0, 0.0],
          ]),
        ],
      ),
    expect: ['merged'],
  },
  {
    name: 'S total-correct-percent: inf / inf is nan, a tiny negative ratio rounds to -0.0',
    build: () =>
      buildRun(
        ['m1'],
        [
          medmcqaCounts([
            [1e308, 1e308],
            [1e308, 1e308],
          ]),
          {
            ...medmcqaCounts([
              [-1e-5, 1.0],
              [0.0, 0.0],
            ]),
            abbr: 'medbullets',
          },
        ],
      ),
    expect: ['merged', 'merged'],
  },
  {
    name: 'D from a shardwise.toml rule',
    build: () => ({
      ...buildRun(['m1'], [spec('ceval', 'MyJudgeEvaluator', [4, 4, 3], withCorrectFlags)]),
      tomlRules: [{ evaluator: 'MyJudgeEvaluator', key: 'acc', rule: 'D' }],
    }),
    expect: ['merged'],
  },
  {
    name: 'A* from a shardwise.toml rule weighted by details',
    build: () => ({
      ...buildRun(['m1'], [spec('ceval', 'MyJudgeEvaluator', [4, 4, 3], withCorrectFlags)]),
      tomlRules: [{ evaluator: 'MyJudgeEvaluator', key: 'acc', rule: 'A*', weight: 'details' }],
    }),
    expect: ['merged'],
  },
  {
    name: 'COPY of identical non-numeric keys',
    build: () =>
      buildRun(
        ['m1'],
        [spec('race', 'AccEvaluator', [3, 3], (r) => d(['accuracy', 40.0 + r.index], ['type', 'GEN'], ['labels', ['A', 'B']]))],
      ),
    expect: ['merged'],
  },
  {
    name: 'a non-numeric key that differs across shards is left out, accuracy merged',
    build: () => buildRun(['m1'], [spec('race', 'AccEvaluator', [3, 3], (r) => d(['accuracy', 40.0], ['note', `shard ${r.index}`]))]),
    expect: ['merged'],
    codes: ['SW_MERGE_KEY_UNLISTED'],
  },
  {
    name: 'a key the rule refuses (rule R) refuses the dataset',
    build: () => buildRun(['m1'], [spec('race', 'AUCROCEvaluator', [3, 3], () => d(['accuracy', 40.0], ['auc_score', 0.5]))]),
    expect: ['SW_MERGE_NEEDS_REEVAL'],
  },
  {
    name: 'A* weighted by a result key × rows × 0.01',
    build: () => buildRun(['m1'], [spec('gsm8k_agent', 'MATHAgentEvaluator', [5, 5, 4], mathAgent)]),
    expect: ['merged'],
  },
  {
    name: 'A* weighted by detail list lengths',
    build: () => buildRun(['m1'], [spec('ifeval', 'IFEvaluator', [4, 4, 3], ifeval)]),
    expect: ['merged'],
  },
  {
    name: 'A* weighted by detail list lengths, prompts with a single instruction included',
    build: () => buildRun(['m1'], [spec('ifeval', 'IFEvaluator', [4, 4, 3], (r) => ifeval(r, 1))]),
    expect: ['merged'],
  },
  {
    name: 'A* weighted by details length',
    build: () =>
      buildRun(
        ['m1'],
        [
          spec('lcb', 'LCBCodeGenerationEvaluator', [3, 3, 2], (r) =>
            d(['pass@1', share(rowsOf(r), correctAt)], ['details', rowsOf(r).map((x) => d(['passed', correctAt(x)]))]),
          ),
        ],
      ),
    expect: ['merged'],
  },
  {
    name: 'A* weighted by a predictions field sum',
    build: () => buildRun(['m1'], [spec('ppl', 'AverageInferencePPLEvaluator', [3, 3], (r) => d(['average_ppl', 2.5 + r.index / 3]))]),
    before: (dir) =>
      [0, 1].forEach((i) =>
        put(
          dir,
          `predictions/m1/ppl_${i}.json`,
          new PyDict(
            Array.from({ length: 3 }, (_, j) => [String(j), d(['prediction', 'x'], ['token_len', BigInt(10 + i * 7 + j)])] as const),
          ),
        ),
      ),
    expect: ['merged'],
  },
  {
    name: 'A* whose weight the predictions lack',
    build: () => buildRun(['m1'], [spec('ppl', 'AverageInferencePPLEvaluator', [3, 3], () => d(['average_ppl', 2.5]))]),
    expect: ['SW_MERGE_BAD_VALUE'],
  },
  {
    name: 'A* with every weight 0 takes shard 0’s value',
    build: () =>
      buildRun(
        ['m1'],
        [spec('mp20', 'MP20Evaluator', [3, 3], (r) => d(['match_rate', 0.0], ['mean_rms_dist', r.index ? 0.25 : NaN], ['matched', 0n]))],
      ),
    expect: ['merged'],
    codes: ['SW_MERGE_APPROXIMATE'],
  },
  {
    name: 'MAX and MIN keep the winning value',
    build: () =>
      buildRun(
        ['m1'],
        [
          spec('protein', 'Mol_Instructions_Evaluator_Protein_Design', [2, 2, 2], (r) =>
            d(['Max SW score', r.index === 1 ? 97n : 80.5], ['Min SW score', r.index === 2 ? -3.25 : BigInt(r.index)]),
          ),
        ],
      ),
    expect: ['merged'],
  },
  {
    name: 'A element-wise over list values',
    build: () =>
      buildRun(
        ['m1'],
        [
          spec('nc', 'NCElementMatchEvaluator', [3, 3, 1], (r) =>
            d(['score', [10.0 * r.index, 1.0 / 3, 7n]], ['all_score', 60.0], ['valid_score', [0.5 + r.index]]),
          ),
        ],
      ),
    expect: ['merged'],
  },
  {
    name: 'A over list values of different lengths',
    build: () => buildRun(['m1'], [spec('nc', 'NCElementMatchEvaluator', [3, 3], (r) => d(['score', r.index ? [1.0] : [1.0, 2.0]]))]),
    expect: ['SW_MERGE_BAD_VALUE'],
  },
  {
    name: '_opencompass_meta summed and cross-checked',
    build: () => buildRun(['m1'], [gsm8k([3, 3, 2], { result: (r) => withMeta(r) })]),
    expect: ['merged'],
  },
  {
    name: '_opencompass_meta disagreeing with the plan',
    build: () => buildRun(['m1'], [gsm8k([3, 3, 2], { result: (r) => withMeta(r, r.index === 1 ? 1 : 0) })]),
    expect: ['SW_MERGE_COUNT_MISMATCH'],
  },
  {
    name: 'format_details re-keyed and cross-checked',
    build: () => buildRun(['m1'], [spec('tqa', 'AccEvaluator', [3, 3, 2], formatDetails)]),
    expect: ['merged'],
  },
  {
    name: 'details shorter than the plan',
    build: () =>
      buildRun(
        ['m1'],
        [
          gsm8k([3, 3, 2], {
            result: (r) => {
              const g = gsm8kLike(r);
              return d(['accuracy', g.get('accuracy')!], ['details', (g.get('details') as PyValue[]).slice(r.index === 2 ? 1 : 0)]);
            },
          }),
        ],
      ),
    expect: ['SW_MERGE_COUNT_MISMATCH'],
  },
  {
    name: 'details missing in one shard are dropped',
    build: () =>
      buildRun(
        ['m1'],
        [gsm8k([3, 3, 2], { result: (r) => (r.index === 1 ? d(['accuracy', gsm8kLike(r).get('accuracy')!]) : gsm8kLike(r)) })],
      ),
    expect: ['merged'],
    codes: ['SW_MERGE_DETAILS_DROPPED'],
  },
  {
    name: 'a metric missing in one shard',
    build: () =>
      buildRun(
        ['m1'],
        [gsm8k([3, 3, 2], { result: (r) => (r.index === 2 ? d(['details', gsm8kLike(r).get('details')!]) : gsm8kLike(r)) })],
      ),
    expect: ['SW_MERGE_KEYS_DIFFER'],
  },
  {
    name: 'a metric that is not a number',
    build: () => buildRun(['m1'], [spec('race', 'AccEvaluator', [3, 3], (r) => d(['accuracy', r.index ? 'n/a' : 50.0]))]),
    expect: ['SW_MERGE_BAD_VALUE'],
  },
  {
    name: 'a judge that rebuilds the whole dataset (dataset_cfg)',
    build: () =>
      buildRun(
        ['m1'],
        [
          spec('simpleqa', 'GenericLLMEvaluator', [4, 4], judge, {
            evaluatorExtra: [...judgeCfg('generic_llmjudge_postprocess'), ['dataset_cfg', d(['abbr', 'simpleqa'])]],
          }),
        ],
      ),
    expect: ['SW_MERGE_NEEDS_REEVAL'],
  },
  {
    name: 'a refusal whose shard predictions are incomplete',
    build: () => buildRun(['m1'], [gsm8k([3, 3, 2], { evaluator: 'HumanEvalEvaluator' })]),
    before: remove('predictions/m1/gsm8k_1.json'),
    expect: ['SW_MERGE_NEEDS_REEVAL'],
    codes: ['SW_MERGE_PREDICTIONS_INCOMPLETE'],
  },
  {
    name: 'an error shard with unreadable predictions',
    build: () => buildRun(['m1'], [gsm8k()]),
    before: (dir) => {
      put(dir, 'results/m1/gsm8k_0.json', d(['error', 'boom']));
      writeFileSync(join(dir, 'predictions/m1/gsm8k_2.json'), '[1, 2]');
    },
    expect: ['SW_MERGE_SHARD_ERROR'],
    codes: ['SW_JSON_SYNTAX', 'SW_MERGE_PREDICTIONS_INCOMPLETE'],
  },
  {
    name: 'a duplicate key (the last value wins)',
    build: () => buildRun(['m1'], [spec('race', 'AccEvaluator', [2, 2], () => d(['accuracy', 50.0]))]),
    before: text('results/m1/race_0.json', '{\n    "accuracy": 10.0,\n    "accuracy": 75.5\n}'),
    expect: ['merged'],
    codes: ['SW_JSON_DUPLICATE_KEY'],
  },
  {
    name: 'two models, several datasets, merged and refused side by side',
    build: () =>
      buildRun(
        ['m1', 'm2'],
        [
          gsm8k([4, 4, 3]),
          spec('flores', 'BleuEvaluator', [3, 3], (r) => bleuStats(r)),
          gsm8k([2, 2], { abbr: 'humaneval', evaluator: 'HumanEvalEvaluator' }),
        ],
      ),
    before: remove('results/m2/gsm8k_0.json'),
    expect: ['merged', 'merged', 'SW_MERGE_NEEDS_REEVAL', 'SW_MERGE_SHARD_MISSING', 'merged', 'SW_MERGE_NEEDS_REEVAL'],
  },
];

describe('generated Python merge = TS merge core, byte for byte', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { ts, py, stderr } = mergeBothWays(c.build(), { force: Boolean(c.force), ...(c.before ? { before: c.before } : {}) });
    expect(stderr).toBe('');
    expect(ts.outcomes.map((o) => o.code ?? o.status)).toEqual(c.expect);
    for (const code of c.codes ?? []) expect(ts.codes).toContain(code);
    expect(py.outcomes).toEqual(ts.outcomes);
    expect(py.codes).toEqual(ts.codes);
    expect(py.written).toEqual(ts.written);
    expect(Object.keys(py.tree)).toEqual(Object.keys(ts.tree));
    for (const [path, bytes] of Object.entries(ts.tree)) expect({ path, bytes: py.tree[path] }).toEqual({ path, bytes });
    expect(py.exit).toBe(ts.exit);
  });

  it('the BLEU case exercises the recompute (its merged score is not an average of shard scores)', () => {
    const { ts } = mergeBothWays(
      buildRun(['m1'], [spec('wmt', 'BleuEvaluator', [6, 6, 5], (r) => bleuStats(r, { short: true, no4: true }))]),
    );
    const merged = JSON.parse(ts.tree['results/m1/wmt.json']!.replace(/NaN/g, 'null')) as {
      score: number;
      bp: number;
      precisions: number[];
    };
    expect(merged.bp).toBeLessThan(1);
    expect(merged.precisions[3]).toBeGreaterThan(0);
    expect(merged.score).not.toBeCloseTo(13.5, 3);
  });

  it('a stale merge of its own is re-merged without --force, an edited or foreign one is not: the same on both sides', () => {
    const c = buildRun(['m1'], [gsm8k()]);
    const first = mergeBothWays(c);
    const merged = (dir: string) =>
      Object.entries(first.ts.tree).forEach(([p, b]) => writeFileSync(join(dir, p), Buffer.from(b, 'latin1')));
    // A shard re-evaluated since: same rows, another accuracy.
    const shard = 'results/m1/gsm8k_1.json';
    const reevaluated = (dir: string) =>
      writeFileSync(
        join(dir, shard),
        Buffer.from(first.ts.tree[shard]!, 'latin1')
          .toString('utf8')
          .replace(/"accuracy": [0-9.]+/, '"accuracy": 1.0'),
      );
    const same = (r: ReturnType<typeof mergeBothWays>) => {
      expect(r.stderr).toBe('');
      expect(r.py.outcomes).toEqual(r.ts.outcomes);
      expect(r.py.codes).toEqual(r.ts.codes);
      expect(r.py.written).toEqual(r.ts.written);
      expect(r.py.tree).toEqual(r.ts.tree);
      expect(r.py.exit).toBe(r.ts.exit);
    };
    const stale = mergeBothWays(c, { before: (dir) => (merged(dir), reevaluated(dir)) });
    same(stale);
    expect(stale.ts.written).toEqual(['results/m1/gsm8k.json', 'results/m1/gsm8k.shardwise.json']);
    expect(stale.ts.tree['results/m1/gsm8k.json']).not.toBe(first.ts.tree['results/m1/gsm8k.json']);
    for (const other of [
      (dir: string) => text('results/m1/gsm8k.json', '{"accuracy": 2.0}')(dir),
      (dir: string) => rmSync(join(dir, 'results/m1/gsm8k.shardwise.json')),
    ]) {
      const kept = mergeBothWays(c, { before: (dir) => (merged(dir), reevaluated(dir), other(dir)) });
      same(kept);
      expect(kept.ts.written).toEqual([]);
      expect(kept.ts.codes).toContain('SW_MERGE_UNSPLIT_EXISTS');
    }
  });

  it('a second --write changes nothing and reports every file identical', () => {
    const c = buildRun(['m1'], [gsm8k(), spec('flores', 'BleuEvaluator', [3, 3], (r) => bleuStats(r))]);
    const first = mergeBothWays(c);
    const again = mergeBothWays(
      { ...c, runDir: c.runDir },
      { before: (dir) => Object.entries(first.py.tree).forEach(([p, b]) => writeFileSync(join(dir, p), Buffer.from(b, 'latin1'))) },
    );
    expect(again.py.written).toEqual([]);
    expect(again.py.outcomes.flatMap((o) => o.writes.map((w) => w.state))).toEqual(['identical', 'identical', 'identical', 'identical']);
    expect(again.py.tree).toEqual(first.py.tree);
    expect(again.py.outcomes).toEqual(again.ts.outcomes);
  });
});
