import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pyDict, RunTree, validateAgainst, type PyDict, type PyValue } from '@shardwise/core';
import { upstreamSplitMerge } from '@shardwise/merge';
import { buildExperiment, checkRun, planStages, resolveSizes } from '@shardwise/plan';
import { materialize, shardFiles, type RunScenario } from '../fixtures/plan/run-scenario.js';
import { dataset, model, namespace, partitioner } from './experiment-fixtures.js';
import { tempDir } from '../support/temp-dir.js';

interface Case {
  scenario: RunScenario;
  maxNumWorkers?: number;
  cli?: Record<string, number>;
  /** Files written over the scenario, run-relative → text. */
  files?: Record<string, string>;
  /** An OpenCompass root whose DefaultSummarizer does (PR #2451) or does not merge split results. */
  ocRoot?: 'pr2451' | 'main';
  /** Changes the materialized run dir before the check. */
  prepare?: (runDir: string) => void;
  fileSizes?: boolean;
}

/** A result file as PR #2451's eval task writes it: `_opencompass_meta.num_samples` after the metrics. */
const metaResult = (accuracy: number, rows: number) =>
  JSON.stringify({ accuracy, details: [], _opencompass_meta: { num_samples: rows } }, null, 4);

/** A stand-in opencompass/summarizers/default.py: only whether `_load_split_results` is defined matters. */
function ocTree(kind: 'pr2451' | 'main'): string {
  const root = tempDir('sw-oc-root-');
  mkdirSync(join(root, 'opencompass', 'summarizers'), { recursive: true });
  // PR #2451's wiring: _load_result falls back to _load_split_results when the unsplit file is absent.
  const body =
    kind === 'pr2451'
      ? '    def _load_result(self, filepath):\n        return self._load_split_results(filepath)\n\n    def _load_split_results(self, filepath):\n        return None\n'
      : '    def _load_results(self, root):\n        return None\n';
  writeFileSync(join(root, 'opencompass', 'summarizers', 'default.py'), `class DefaultSummarizer:\n${body}`);
  return root;
}

/** The same steps `loadRun` takes after reading the config: experiment, sizes, full plan, check. */
function check(c: Case) {
  const { launchDir, runDir } = materialize(c.scenario);
  for (const [rel, text] of Object.entries(c.files ?? {})) writeFileSync(join(runDir, rel), text);
  c.prepare?.(runDir);
  const built = buildExperiment(c.scenario.config, {
    configFile: join(runDir, 'configs', 'cfg.py'),
    launchDir,
    ...(c.maxNumWorkers ? { maxNumWorkers: c.maxNumWorkers } : {}),
  });
  const sized = resolveSizes(built.experiment, {
    runDir,
    cacheFile: join(launchDir, '.cache', 'dataset_size.json'),
    ...(c.cli ? { cli: c.cli } : {}),
  });
  const plan = planStages(built.experiment, sized.sizes);
  const upstream = upstreamSplitMerge(new RunTree(runDir), c.ocRoot ? ocTree(c.ocRoot) : undefined, plan);
  return checkRun(runDir, built.experiment, plan, {
    issues: [...built.issues, ...sized.issues, ...plan.issues],
    ...(upstream ? { upstream } : {}),
    ...(c.fileSizes !== undefined ? { fileSizes: c.fileSizes } : {}),
  });
}

const nw = (args: [string, PyValue][]) => partitioner('NumWorkerPartitioner', args);
const NW8 = nw([['num_worker', 8n]]);
const NAIVE = partitioner('NaivePartitioner');
const SIZES = { gsm8k: 1319, hund: 100 };
const PREDS = { ...shardFiles('m', 'gsm8k', 1319, 165), ...shardFiles('m', 'hund', 100, 16) };
const RESULTS = { 'm/gsm8k': 71.2, 'm/hund': 55 };

/** A healthy run: NumWorker(8) infer, Naive eval, every file present with the planned rows. */
function healthy(
  o: { models?: PyDict[]; datasets?: PyDict[]; infer?: PyDict | null; eval?: PyDict | null; extra?: [string, PyValue][] } = {},
  files: Partial<RunScenario> = {},
): RunScenario {
  return {
    config: namespace({
      ...(o.models ? { models: o.models } : {}),
      datasets: o.datasets ?? [dataset('gsm8k'), dataset('hund')],
      ...(o.infer === null ? {} : { infer: o.infer ?? NW8 }),
      ...(o.eval === null ? {} : { eval: o.eval ?? NAIVE }),
      ...(o.extra ? { extra: o.extra } : {}),
    }),
    cache: SIZES,
    predictions: PREDS,
    results: RESULTS,
    ...files,
  };
}
const without = <T extends Record<string, unknown>>(o: T, ...keys: string[]): T =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k))) as T;
/** A copy of a config dict without some keys. */
const dropKeys = (d: PyDict, ...keys: string[]): PyDict => pyDict([...d].filter(([k]) => !keys.includes(k as string)));
const evalShards = (acc = 50) => ({ ...Object.fromEntries(Object.keys(PREDS).map((k) => [k, acc])) });
/** The eval shards of `evalShards` as PR #2451 writes them. */
const metaShards = (): Record<string, string> =>
  Object.fromEntries(Object.entries(PREDS).map(([k, rows]) => [`results/${k}.json`, metaResult(50, rows)]));
const SPLIT_EVAL = healthy({ eval: NW8 }, { results: evalShards() });
/** Only gsm8k's shards as PR #2451 writes them: mixed evidence. */
const mixedMetaShards = (): Record<string, string> => Object.fromEntries(Object.entries(metaShards()).filter(([k]) => k.includes('gsm8k')));

/** predictions/m moved outside the run dir (or to another folder inside it) and linked back: its plain files are then outside (or inside). */
const linkPredictions = (where: 'outside' | 'inside') => (runDir: string) => {
  const target = where === 'outside' ? join(tempDir('sw-preds-out-'), 'm') : join(runDir, 'moved-m');
  renameSync(join(runDir, 'predictions', 'm'), target);
  symlinkSync(target, join(runDir, 'predictions', 'm'));
};

// [code, a case that triggers it, a near-identical case that does not]
const CASES: [string, Case, Case][] = [
  ['SW_SHARD_MISSING', { scenario: healthy({}, { predictions: without(PREDS, 'm/gsm8k_7') }) }, { scenario: healthy() }],
  [
    'SW_SHARD_GAP',
    { scenario: healthy({}, { predictions: without(PREDS, 'm/gsm8k_3') }) },
    { scenario: healthy({}, { predictions: without(PREDS, 'm/gsm8k_7') }) },
  ],
  [
    'SW_SHARD_GAP',
    { scenario: healthy({ infer: NAIVE }, { predictions: without(PREDS, 'm/gsm8k_3') }) },
    { scenario: healthy({ infer: NAIVE }, { predictions: without(PREDS, 'm/gsm8k_7') }) },
  ],
  ['SW_SHARD_EXTRA', { scenario: healthy({}, { predictions: { ...PREDS, 'm/hund_7': 16, 'm/hund_8': 4 } }) }, { scenario: healthy() }],
  ['SW_SHARD_SIZE_MISMATCH', { scenario: healthy({}, { predictions: { ...PREDS, 'm/gsm8k_2': 100 } }) }, { scenario: healthy() }],
  [
    'SW_SHARD_UNSPLIT_AND_SPLIT',
    { scenario: healthy({}, { predictions: { ...PREDS, 'm/gsm8k': 1319 } }) },
    { scenario: healthy({}, { predictions: { ...without(PREDS, ...Object.keys(shardFiles('m', 'gsm8k', 1319, 165))), 'm/gsm8k': 1319 } }) },
  ],
  ['SW_SHARD_OTHER_NUM_SPLIT', { scenario: healthy({ infer: null }) }, { scenario: healthy({ infer: null }), maxNumWorkers: 8 }],
  [
    'SW_PRED_UNREADABLE',
    { scenario: healthy({}, { predictions: { ...PREDS, 'm/hund_1': '{"0": {}, "2": {}}' } }) },
    { scenario: healthy() },
  ],
  [
    'SW_ABBR_SHARD_COLLISION',
    {
      scenario: healthy(
        { datasets: [dataset('gsm8k'), dataset('hund'), dataset('hund_1')] },
        { predictions: { ...PREDS, 'm/hund_1': 16 } },
      ),
    },
    {
      scenario: healthy(
        { datasets: [dataset('gsm8k'), dataset('hund'), dataset('hund-1')] },
        { predictions: { ...PREDS, 'm/hund-1': 16 } },
      ),
    },
  ],
  ['SW_EVAL_SPLIT_UNREADABLE', { scenario: SPLIT_EVAL }, { scenario: SPLIT_EVAL, files: metaShards() }],
  ['SW_EVAL_SPLIT_UNREADABLE', { scenario: SPLIT_EVAL, ocRoot: 'main' }, { scenario: SPLIT_EVAL, ocRoot: 'pr2451' }],
  ['SW_EVAL_SPLIT_UPSTREAM_MERGE', { scenario: SPLIT_EVAL, files: metaShards() }, { scenario: SPLIT_EVAL }],
  ['SW_EVAL_SPLIT_UPSTREAM_MERGE', { scenario: SPLIT_EVAL, ocRoot: 'pr2451' }, { scenario: SPLIT_EVAL, ocRoot: 'main' }],
  // The OpenCompass's own code decides when its root is known: result files with the metadata do not overrule it.
  [
    'SW_EVAL_SPLIT_UNREADABLE',
    { scenario: SPLIT_EVAL, ocRoot: 'main', files: metaShards() },
    { scenario: SPLIT_EVAL, ocRoot: 'pr2451', files: metaShards() },
  ],
  ['SW_EVAL_SPLIT_UNREADABLE', { scenario: SPLIT_EVAL, files: mixedMetaShards() }, { scenario: SPLIT_EVAL, files: metaShards() }],
  ['SW_EVAL_SPLIT_UPSTREAM_UNKNOWN', { scenario: SPLIT_EVAL, files: mixedMetaShards() }, { scenario: SPLIT_EVAL, files: metaShards() }],
  [
    'SW_EVAL_SPLIT_UPSTREAM_UNKNOWN',
    { scenario: SPLIT_EVAL, files: mixedMetaShards() },
    { scenario: SPLIT_EVAL, ocRoot: 'pr2451', files: mixedMetaShards() },
  ],
  [
    'SW_EVAL_SPLIT_UPSTREAM_MERGE',
    { scenario: SPLIT_EVAL, files: metaShards() },
    {
      scenario: healthy(
        { eval: NW8, extra: [['summarizer', pyDict([['type', 'numworker_summarizer.NumWorkerSummarizer']])]] },
        { results: evalShards() },
      ),
      files: metaShards(),
    },
  ],
  [
    'SW_PAIR_SPLIT_MISMATCH',
    { scenario: healthy({ eval: nw([['num_worker', 4n]]) }, { results: evalShards() }) },
    { scenario: healthy({ eval: NW8 }, { results: evalShards() }) },
  ],
  [
    'SW_EVAL_SPLIT_UNREADABLE',
    { scenario: healthy({ eval: NW8 }, { results: evalShards() }) },
    {
      scenario: healthy(
        { eval: NW8, extra: [['summarizer', pyDict([['type', 'numworker_summarizer.NumWorkerSummarizer']])]] },
        { results: evalShards() },
      ),
    },
  ],
  [
    'SW_EVAL_SPLIT_REPEATED',
    { scenario: healthy({ eval: NW8, datasets: [dataset('gsm8k', { n: 2 }), dataset('hund')] }, { cache: { gsm8k: 2638, hund: 100 } }) },
    { scenario: healthy({ datasets: [dataset('gsm8k', { n: 2 }), dataset('hund')] }, { cache: { gsm8k: 2638, hund: 100 } }) },
  ],
  [
    'SW_EVAL_SPLIT_INVALID_EVALUATOR',
    { scenario: healthy({ eval: NW8, datasets: [dataset('gsm8k', { evaluator: 'HumanEvalEvaluator' }), dataset('hund')] }) },
    { scenario: healthy({ datasets: [dataset('gsm8k', { evaluator: 'HumanEvalEvaluator' }), dataset('hund')] }) },
  ],
  [
    'SW_SIZE_CACHE_DOUBLE_RANGE',
    {
      scenario: healthy(
        { infer: nw([['num_worker', 1n]]), datasets: [dataset('gsm8k'), dataset('hund', { testRange: '[100:200]' })] },
        { cache: { gsm8k: 1319, hund: 100 }, predictions: { ...PREDS, 'm/hund': 100 } },
      ),
    },
    {
      scenario: healthy(
        { infer: nw([['num_worker', 1n]]), datasets: [dataset('gsm8k'), dataset('hund', { testRange: '[100:200]' })] },
        { cache: { gsm8k: 1319, hund: 1000 }, predictions: { ...PREDS, 'm/hund': 100 } },
      ),
    },
  ],
  [
    'SW_SIZE_DISAGREE',
    { scenario: healthy({}, { cache: { gsm8k: 1319, hund: 100 } }), cli: { gsm8k: 1165 } },
    { scenario: healthy(), cli: { gsm8k: 1319 } },
  ],
  [
    'SW_SIZE_UNKNOWN',
    { scenario: healthy({}, { cache: { gsm8k: 1319 }, predictions: {} }) },
    { scenario: healthy({}, { predictions: {} }) },
  ],
  ['SW_SIZE_CACHE_UNREADABLE', { scenario: healthy({}, { cache: '{"gsm8k": 1319, "hund": ' }) }, { scenario: healthy() }],
  ['SW_PLAN_NO_MODELS', { scenario: healthy({ models: [] }) }, { scenario: healthy({ models: [model('m')] }) }],
  ['SW_PLAN_NO_DATASETS', { scenario: healthy({ datasets: [] }) }, { scenario: healthy({ datasets: [dataset('gsm8k')] }) }],
  [
    'SW_PLAN_ABBR_UNDERIVABLE',
    { scenario: healthy({ datasets: [dataset('gsm8k'), dropKeys(dataset('hund'), 'abbr', 'path')] }) },
    { scenario: healthy({ datasets: [dataset('gsm8k'), dropKeys(dataset('hund'), 'abbr')] }) },
  ],
  ['SW_PLAN_DEFAULT_ASSUMED', { scenario: healthy({ eval: null }) }, { scenario: healthy() }],
  [
    'SW_PLAN_TEST_RANGE',
    { scenario: healthy({ datasets: [dataset('gsm8k', { testRange: 100n }), dataset('hund')] }) },
    { scenario: healthy({ datasets: [dataset('gsm8k', { testRange: '[0:1319]' }), dataset('hund')] }) },
  ],
  [
    'SW_PLAN_PARTITIONER_ARG',
    {
      scenario: healthy({
        infer: nw([
          ['num_worker', 8n],
          ['strategy', 'fast'],
        ]),
      }),
    },
    {
      scenario: healthy({
        infer: nw([
          ['num_worker', 8n],
          ['strategy', 'split'],
        ]),
      }),
    },
  ],
  [
    'SW_PLAN_PARTITIONER_UNMODELLED',
    { scenario: healthy({ eval: pyDict([['partitioner', pyDict([['type', 'opencompass.partitioners.SubjectiveNaivePartitioner']])]]) }) },
    { scenario: healthy() },
  ],
  [
    'SW_PLAN_DUPLICATE_ABBR',
    { scenario: healthy({ datasets: [dataset('gsm8k'), dataset('hund'), dataset('hund')] }) },
    { scenario: healthy() },
  ],
  [
    'SW_PLAN_COMBINATION_UNKNOWN',
    {
      scenario: healthy({
        extra: [
          [
            'model_dataset_combinations',
            [
              pyDict([
                ['models', [model('m')]],
                ['datasets', [dataset('nope')]],
              ]),
            ],
          ],
        ],
      }),
    },
    {
      scenario: healthy({
        extra: [
          [
            'model_dataset_combinations',
            [
              pyDict([
                ['models', [model('m')]],
                ['datasets', [dataset('hund')]],
              ]),
            ],
          ],
        ],
      }),
    },
  ],
  ['SW_ADVICE_NAIVE_EVAL', { scenario: healthy({ eval: NW8 }, { results: evalShards() }) }, { scenario: healthy() }],
  ['SW_ADVICE_MIN_TASK_SIZE', { scenario: healthy() }, { scenario: healthy({ datasets: [dataset('gsm8k')] }) }],
  ['SW_ADVICE_SIZE_PARTITIONER', { scenario: healthy() }, { scenario: healthy({ datasets: [dataset('gsm8k')] }) }],
  ['SW_ADVICE_SIZE_PARTITIONER', { scenario: healthy() }, { scenario: healthy({ infer: partitioner('SizePartitioner') }) }],
  [
    'SW_RUN_LINK_OUTSIDE',
    { scenario: healthy(), prepare: linkPredictions('outside') },
    { scenario: healthy(), prepare: linkPredictions('inside') },
  ],
  [
    'SW_ADVICE_FEWER_SHARDS',
    {
      scenario: healthy({
        infer: nw([
          ['num_worker', 4n],
          ['num_split', 8n],
        ]),
      }),
    },
    {
      scenario: healthy({
        infer: nw([
          ['num_worker', 8n],
          ['num_split', 8n],
        ]),
      }),
    },
  ],
];

describe('shardwise check codes: each has a run that triggers it and one that does not', () => {
  it.each(CASES)('%s', (code, trigger, clean) => {
    expect(check(trigger).issues.map((i) => i.code)).toContain(code);
    expect(check(clean).issues.map((i) => i.code)).not.toContain(code);
  });
});

describe('the check report', () => {
  it('leaves out file sizes (a stat per result file) only when asked, and nothing else', () => {
    const sized = check({ scenario: SPLIT_EVAL });
    const unsized = check({ scenario: SPLIT_EVAL, fileSizes: false });
    const files = (r: typeof sized) => r.pairs.flatMap((p) => [...p.infer.files, ...p.eval.files]);
    expect(
      files(sized)
        .filter((f) => f.status !== 'missing')
        .every((f) => typeof f.bytes === 'number'),
    ).toBe(true);
    expect(files(sized).length).toBeGreaterThan(10);
    expect(files(unsized).some((f) => 'bytes' in f)).toBe(false);
    // Each check materializes its own launch dir: compared with it named alike.
    const strip = (r: typeof sized) =>
      JSON.stringify(r, (k, v: unknown) => (k === 'bytes' ? undefined : v))
        .split(r.runDir.slice(0, r.runDir.indexOf('/outputs/')))
        .join('<launch>');
    expect(strip(unsized)).toEqual(strip(sized));
  });

  it('is clean for a healthy run: every file present, full coverage, pairing ok', () => {
    const r = check({ scenario: healthy() });
    expect(r.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(r.totals).toMatchObject({ expected: 17, present: 17, missing: 0, extra: 0, stale: 0, errors: 0 });
    expect(r.pairs.map((p) => [p.dataset, p.infer.coverage, p.eval.coverage])).toEqual([
      ['gsm8k', 1, 1],
      ['hund', 1, 1],
    ]);
    expect(r.pairing.verdict).toBe('ok');
    expect(validateAgainst('check-report.schema.json', r)).toEqual([]);
  });
  it('marks missing, stale and extra files and measures coverage by planned rows', () => {
    const r = check({ scenario: healthy({}, { predictions: { ...without(PREDS, 'm/gsm8k_7'), 'm/gsm8k_2': 100, 'm/hund_7': 3 } }) });
    const g = r.pairs.find((p) => p.dataset === 'gsm8k')!.infer;
    expect(g.files.map((f) => f.status)).toEqual(['present', 'present', 'stale', 'present', 'present', 'present', 'present', 'missing']);
    expect(g.files[2]).toMatchObject({ abbr: 'gsm8k_2', range: '[330:495]', expectedRows: 165, rows: 100 });
    expect(g.coverage).toBeCloseTo((1319 - 165 - 164) / 1319, 10);
    expect(r.pairs.find((p) => p.dataset === 'hund')!.infer.files.at(-1)).toMatchObject({ abbr: 'hund_7', status: 'extra', rows: 3 });
    expect(validateAgainst('check-report.schema.json', r)).toEqual([]);
  });
  it('names the --max-num-workers that explains shards of a config without infer (#1039-style run)', () => {
    const r = check({ scenario: healthy({ infer: null }) });
    const fit = r.issues.find((i) => i.code === 'SW_SHARD_OTHER_NUM_SPLIT' && i.abbr === 'gsm8k')!;
    expect(fit.message).toContain('--max-num-workers 8');
    expect(r.stages.infer.assumed).toBe(true);
  });
  it('names the num_split that explains shards from an earlier launch with another setting', () => {
    const r = check({
      scenario: healthy({}, { predictions: { ...shardFiles('m', 'gsm8k', 1319, 330), ...shardFiles('m', 'hund', 100, 16) } }),
    });
    expect(r.issues.find((i) => i.code === 'SW_SHARD_OTHER_NUM_SPLIT')).toMatchObject({
      abbr: 'gsm8k',
      message: expect.stringContaining('num_split 4'),
    });
    expect(r.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['SW_SHARD_MISSING', 'SW_SHARD_SIZE_MISMATCH']));
  });
  it('PR #2451 from result files alone: assumed (and said so) only when every split pair carries the metadata; mixed is a warning, never ok', () => {
    const all = check({ scenario: SPLIT_EVAL, files: metaShards() });
    expect(all.pairing.verdict).toBe('ok');
    expect(all.issues.find((i) => i.code === 'SW_EVAL_SPLIT_UPSTREAM_MERGE')!.message).toContain(
      'is assumed to merge result shards itself',
    );
    const mixed = check({ scenario: SPLIT_EVAL, files: mixedMetaShards() });
    expect(mixed.pairing).toMatchObject({ verdict: 'eval-split-unreadable', summarizerReadsShards: false });
    expect(mixed.issues.find((i) => i.code === 'SW_EVAL_SPLIT_UPSTREAM_UNKNOWN')).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('1 split pair(s) have result shards with _opencompass_meta'),
    });
    expect(mixed.issues.map((i) => i.code)).not.toContain('SW_EVAL_SPLIT_UPSTREAM_MERGE');
    const source = check({ scenario: SPLIT_EVAL, ocRoot: 'pr2451', files: mixedMetaShards() });
    expect(source.issues.find((i) => i.code === 'SW_EVAL_SPLIT_UPSTREAM_MERGE')!.message).toMatch(
      /the installed OpenCompass merges result shards itself \(PR #2451: its summarizer .*default\.py calls _load_split_results\)/,
    );
  });
  it('reports the eval split the summarizer cannot read, with the Naive fix in the advice', () => {
    const r = check({ scenario: healthy({ eval: NW8 }, { results: evalShards() }) });
    expect(r.pairing).toMatchObject({ evalSplit: true, sameSplit: true, summarizerReadsShards: false, verdict: 'eval-split-unreadable' });
    const advice = r.advice.find((a) => a.code === 'SW_ADVICE_NAIVE_EVAL')!;
    expect(advice.setting.type).toBe('opencompass.partitioners.NaivePartitioner');
    expect(advice.current).toMatchObject({ splitDatasets: 2, files: 15 });
    expect(advice.proposed).toMatchObject({ splitDatasets: 0, files: 2, tasks: 2, smallestShard: null });
  });
  it('advises a min_task_size that keeps floor-bound datasets whole, with the plan it gives', () => {
    const a = check({ scenario: healthy() }).advice.find((x) => x.code === 'SW_ADVICE_MIN_TASK_SIZE')!;
    expect(a.setting.args).toMatchObject({ num_worker: 8, min_task_size: 100 });
    expect(a.current).toMatchObject({ files: 15, smallestShard: 4 });
    expect(a.proposed).toMatchObject({ files: 9, splitDatasets: 1, smallestShard: 164, largestShard: 165 });
  });
  it('advises SizePartitioner for very unequal datasets, with the plan it gives (docs/opencompass.md §3.5 arithmetic)', () => {
    const a = check({ scenario: healthy() }).advice.find((x) => x.code === 'SW_ADVICE_SIZE_PARTITIONER')!;
    // Costs: gsm8k 1319 × 20 × 10 (heavy abbr) = 263800, hund 100 × 20 = 2000; per worker ceil(265800 / 8) = 33225.
    expect(a.setting).toMatchObject({ type: 'opencompass.partitioners.SizePartitioner', args: { max_task_size: 33225 } });
    expect(a.current).toMatchObject({ files: 15, splitDatasets: 2, smallestShard: 4, largestShard: 165 });
    // gsm8k: step0 = 33225 // 200 = 166, K = 8, step 165; hund (cost 2000) stays whole in a task of its own.
    expect(a.proposed).toEqual({ tasks: 9, files: 9, splitDatasets: 1, smallestShard: 164, largestShard: 165 });
  });
  it('cache 296 for a 1165-row ARC-c with 8 workers: 8 × 37 shards agree with the cache, the true size disagrees (#1987)', () => {
    const r = check({
      scenario: {
        config: namespace({ datasets: [dataset('ARC-c')], infer: NW8, eval: NAIVE }),
        cache: { 'ARC-c': 296 },
        predictions: shardFiles('m', 'ARC-c', 296, 37),
      },
      cli: { 'ARC-c': 1165 },
    });
    expect(r.sizes.map((s) => [s.source, s.size])).toEqual([
      ['shard-predictions', 296],
      ['size-cache', 296],
      ['cli', 1165],
    ]);
    expect(r.issues.find((i) => i.code === 'SW_SIZE_DISAGREE')).toMatchObject({ abbr: 'ARC-c' });
  });
});
