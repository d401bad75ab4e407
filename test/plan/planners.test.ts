import { describe, expect, it } from 'vitest';
import { buildExperiment, planStages, resolveSizes } from '@shardwise/plan';
import { dataset, model, namespace, partitioner } from './experiment-fixtures.js';
import type { PyDict, PyValue } from '@shardwise/core';

function plan(ns: PyDict, sizes: Record<string, number>, maxNumWorkers?: number) {
  const { experiment, issues } = buildExperiment(ns, maxNumWorkers !== undefined ? { maxNumWorkers } : {});
  const sized = resolveSizes(experiment, { cli: sizes });
  const p = planStages(experiment, sized.sizes);
  return { plan: p, issues: [...issues, ...sized.issues, ...(p.issues ?? [])] };
}
const numWorker = (args: [string, PyValue][]) => partitioner('NumWorkerPartitioner', args);
const rangesOf = (p: ReturnType<typeof plan>['plan'], abbr: string) =>
  p.stages
    .infer!.tasks.flatMap((t) => t.datasets)
    .filter(([a]) => a === abbr || a.startsWith(`${abbr}_`))
    .map(([, r]) => r);
const filesOf = (p: ReturnType<typeof plan>['plan'], ds: string) => p.stages.infer!.files.filter((f) => f.dataset === ds);

describe('NumWorkerPartitioner, the worked example of docs/opencompass.md §3.8', () => {
  const ns = namespace({
    datasets: [dataset('gsm8k'), dataset('tiny'), dataset('hund'), dataset('ranged', { testRange: '[0:100]' })],
    infer: numWorker([['num_worker', 8n]]),
  });
  const { plan: p, issues } = plan(ns, { gsm8k: 1319, tiny: 10, hund: 100, ranged: 1000 });

  it('splits gsm8k into 8 shards of step 165, the last with 164 rows', () => {
    const files = filesOf(p, 'gsm8k');
    expect(files.map((f) => f.abbr)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `gsm8k_${i}`));
    expect(files.map((f) => f.size)).toEqual([165, 165, 165, 165, 165, 165, 165, 164]);
    expect(rangesOf(p, 'gsm8k').sort()).toContain('[1155:1320]');
    expect(files[7]!.path).toBe('predictions/m/gsm8k_7.json');
  });
  it('leaves tiny unsplit, hund in 7 shards of 16 (last 4 rows), ranged with nested ranges', () => {
    expect(filesOf(p, 'tiny')).toEqual([
      { model: 'm', dataset: 'tiny', abbr: 'tiny', shard: null, start: 0, end: 10, size: 10, path: 'predictions/m/tiny.json' },
    ]);
    expect(filesOf(p, 'hund').map((f) => f.size)).toEqual([16, 16, 16, 16, 16, 16, 4]);
    const ranged = filesOf(p, 'ranged');
    expect(ranged).toHaveLength(7);
    expect(rangesOf(p, 'ranged')).toContain('[0:100][0:16]');
    expect(rangesOf(p, 'ranged')).toContain('[0:100][96:112]');
  });
  it('deals chunks round-robin: 8 tasks, bucket 0 = gsm8k_0, tiny, ranged_0', () => {
    const tasks = p.stages.infer!.tasks;
    expect(tasks).toHaveLength(8);
    expect(tasks[0]).toEqual({
      model: 'm',
      datasets: [
        ['gsm8k_0', '[0:165]'],
        ['tiny', null],
        ['ranged_0', '[0:100][0:16]'],
      ],
    });
    expect(tasks[1]!.datasets.map(([a]) => a)).toEqual(['gsm8k_1', 'hund_0', 'ranged_1']);
  });
  it('assumes the default Naive eval and says so', () => {
    expect(p.stages.eval!.partitioner).toEqual({ type: 'opencompass.partitioners.naive.NaivePartitioner', args: { n: 1 }, assumed: true });
    expect(p.stages.eval!.tasks).toEqual(
      [
        ['gsm8k', null],
        ['tiny', null],
        ['hund', null],
        ['ranged', '[0:100]'],
      ].map((d) => ({ model: 'm', datasets: [d] })),
    );
    expect(issues.map((i) => i.code)).toEqual(['SW_PLAN_DEFAULT_ASSUMED']);
  });
});

describe('more NumWorker cases of §3.8', () => {
  const one = (size: number, args: [string, PyValue][]) => {
    const p = plan(namespace({ datasets: [dataset('d')], infer: numWorker(args) }), { d: size }).plan;
    return { sizes: filesOf(p, 'd').map((f) => f.size), ranges: rangesOf(p, 'd'), tasks: p.stages.infer!.tasks.length };
  };
  /** `n` test_ranges of `step` rows each, as NumWorkerPartitioner writes them (the last may reach past S). */
  const steps = (step: number, n: number) => Array.from({ length: n }, (_, i) => `[${i * step}:${(i + 1) * step}]`);
  it.each([
    ['num_worker=8, S=16 stays whole', 16, [['num_worker', 8n]], [16], [null]],
    ['num_worker=8, S=17 → [0:16] and [16:32]', 17, [['num_worker', 8n]], [16, 1], ['[0:16]', '[16:32]']],
    ['num_worker=8, S=1000 → 8 × 125', 1000, [['num_worker', 8n]], Array<number>(8).fill(125), steps(125, 8)],
    ['num_worker=8, ARC-c 1165 → step 146, last 143', 1165, [['num_worker', 8n]], [...Array<number>(7).fill(146), 143], steps(146, 8)],
    ['num_worker=8, cache says 296 → 8 × 37 (#1987)', 296, [['num_worker', 8n]], Array<number>(8).fill(37), steps(37, 8)],
    [
      'num_worker=4, num_split=2 → [0:660] [660:1320]',
      1319,
      [
        ['num_worker', 4n],
        ['num_split', 2n],
      ],
      [660, 659],
      ['[0:660]', '[660:1320]'],
    ],
  ] as [string, number, [string, PyValue][], number[], (string | null)[]][])('%s', (_, size, args, sizes, ranges) => {
    const r = one(size, args);
    expect(r.sizes).toEqual(sizes);
    expect(r.ranges).toEqual(ranges);
  });
  it('ARC-c with 64 workers gives 62 shards, the last [1159:1178] with 6 rows', () => {
    const p = plan(namespace({ datasets: [dataset('ARC-c')], infer: numWorker([['num_worker', 64n]]) }), { 'ARC-c': 1165 }).plan;
    const files = filesOf(p, 'ARC-c');
    expect(files).toHaveLength(62);
    expect(files[61]).toMatchObject({ abbr: 'ARC-c_61', start: 1159, end: 1165, size: 6 });
    expect(rangesOf(p, 'ARC-c')).toContain('[1159:1178]');
  });
  it('num_worker=4, num_split=2 deals gsm8k and hund into 4 buckets', () => {
    const p = plan(
      namespace({
        datasets: [dataset('gsm8k'), dataset('hund')],
        infer: numWorker([
          ['num_worker', 4n],
          ['num_split', 2n],
        ]),
      }),
      { gsm8k: 1319, hund: 100 },
    ).plan;
    expect(p.stages.infer!.tasks.map((t) => t.datasets)).toEqual([
      [['gsm8k_0', '[0:660]']],
      [['gsm8k_1', '[660:1320]']],
      [['hund_0', '[0:50]']],
      [['hund_1', '[50:100]']],
    ]);
  });
  it('the CLI default (no infer, --max-num-workers 1) splits nothing: one task holds every dataset', () => {
    const p = plan(namespace({ datasets: [dataset('gsm8k'), dataset('hund')] }), { gsm8k: 1319, hund: 100 }).plan;
    expect(p.stages.infer!.partitioner).toMatchObject({
      type: 'opencompass.partitioners.num_worker.NumWorkerPartitioner',
      assumed: true,
      args: { num_worker: 1 },
    });
    expect(p.stages.infer!.tasks).toEqual([
      {
        model: 'm',
        datasets: [
          ['gsm8k', null],
          ['hund', null],
        ],
      },
    ]);
  });
  it('--max-num-workers 8 fills the same plan as num_worker=8 in the config', () => {
    const filled = plan(namespace({ datasets: [dataset('gsm8k')] }), { gsm8k: 1319 }, 8).plan;
    expect(filesOf(filled, 'gsm8k')).toHaveLength(8);
  });
  it('0.2.6 configs (num_worker_split) bucket by num_worker_split and shard by num_worker', () => {
    const p = plan(
      namespace({
        datasets: [dataset('gsm8k')],
        infer: numWorker([
          ['num_worker', 4n],
          ['num_worker_split', 2n],
        ]),
      }),
      { gsm8k: 1319 },
    ).plan;
    expect(filesOf(p, 'gsm8k')).toHaveLength(4);
    expect(p.stages.infer!.tasks).toHaveLength(2);
  });
  it('num_split=None falls back to num_worker without complaint', () => {
    const r = plan(
      namespace({
        datasets: [dataset('d')],
        infer: numWorker([
          ['num_worker', 4n],
          ['num_split', null],
        ]),
      }),
      { d: 1000 },
    );
    expect(filesOf(r.plan, 'd')).toHaveLength(4);
    expect(r.issues.map((i) => i.code)).toEqual(['SW_PLAN_DEFAULT_ASSUMED']);
  });
  it("strategy='split' makes one task per chunk", () => {
    expect(
      one(1000, [
        ['num_worker', 8n],
        ['strategy', 'split'],
      ]).tasks,
    ).toBe(8);
  });
  it('skips existing outputs per dataset and per shard (--work-dir)', () => {
    const { experiment } = buildExperiment(
      namespace({ datasets: [dataset('gsm8k'), dataset('hund')], infer: numWorker([['num_worker', 8n]]) }),
    );
    const sizes = resolveSizes(experiment, { cli: { gsm8k: 1319, hund: 100 } }).sizes;
    const done = new Set(['predictions/m/hund.json', 'predictions/m/gsm8k_3.json']);
    const p = planStages(experiment, sizes, { existing: (f) => done.has(f) });
    expect(p.stages.infer!.files.map((f) => f.abbr)).toEqual(['gsm8k_0', 'gsm8k_1', 'gsm8k_2', 'gsm8k_4', 'gsm8k_5', 'gsm8k_6', 'gsm8k_7']);
    expect(p.stages.infer!.tasks).toHaveLength(7);
  });
});

describe('SizePartitioner of §3.8', () => {
  const size = (datasets: PyDict[], sizes: Record<string, number>) =>
    plan(namespace({ datasets, infer: partitioner('SizePartitioner') }), sizes).plan;
  it("gsm8k 1319 rows: factor 200, 7 shards '[0: 189]' … '[1134: 1323]', the last 185 rows", () => {
    const p = size([dataset('gsm8k')], { gsm8k: 1319 });
    const files = filesOf(p, 'gsm8k');
    expect(files.map((f) => f.size)).toEqual([189, 189, 189, 189, 189, 189, 185]);
    expect(p.stages.infer!.tasks.map((t) => t.datasets)).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((i) => [[`gsm8k_${i}`, `[${i * 189}: ${i * 189 + 189}]`]]),
    );
  });
  it('a 5000-row gen dataset: 1667, 1667, 1666 rows', () => {
    expect(filesOf(size([dataset('big')], { big: 5000 }), 'big').map((f) => f.size)).toEqual([1667, 1667, 1666]);
  });
  it('a 5000-row PPL dataset with 3 labels stays whole and is packed with tiny', () => {
    const p = size([dataset('tiny'), dataset('ppl', { labels: ['A', 'B', 'C'] })], { tiny: 10, ppl: 5000 });
    expect(p.stages.infer!.tasks).toEqual([
      {
        model: 'm',
        datasets: [
          ['ppl', null],
          ['tiny', null],
        ],
      },
    ]);
  });
  it('shards get a task of their own, before smaller chunks', () => {
    const p = size([dataset('tiny'), dataset('gsm8k')], { tiny: 10, gsm8k: 1319 });
    expect(p.stages.infer!.tasks.map((t) => t.datasets.map(([a]) => a))).toEqual([
      ...[0, 1, 2, 3, 4, 5, 6].map((i) => [`gsm8k_${i}`]),
      ['tiny'],
    ]);
  });
});

describe('models and combinations', () => {
  it('plans one model after the other, each with its own buckets', () => {
    const p = plan(namespace({ models: [model('a'), model('b')], datasets: [dataset('hund')], infer: numWorker([['num_worker', 2n]]) }), {
      hund: 100,
    }).plan;
    expect(p.stages.infer!.tasks.map((t) => [t.model, t.datasets.map(([x]) => x)])).toEqual([
      ['a', ['hund_0']],
      ['a', ['hund_1']],
      ['b', ['hund_0']],
      ['b', ['hund_1']],
    ]);
  });
});
