import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Plan, PlannedFile, PyValue, StagePlan } from '@shardwise/core';
import { buildExperiment, planStages, resolveSizes } from '@shardwise/plan';
import { dataset, namespace, partitioner } from '../plan/experiment-fixtures.js';

const SEED = 20250108;

/** Abbrs with and without the SizePartitioner heavy patterns (×10 cost), distinct by index. */
const abbrOf = (i: number) => (i % 3 === 0 ? `gsm8k_v${i}` : `ds${i}`);
const sizes = fc.array(fc.nat({ max: 5000 }), { minLength: 1, maxLength: 5 });
/** An int argument, absent, or None (None means the default, as in Python). */
const intArg = (min: number, max: number) => fc.option(fc.option(fc.integer({ min, max }), { nil: null }), { nil: undefined });

function planOf(kind: 'NumWorkerPartitioner' | 'SizePartitioner', rows: number[], args: [string, number | null | undefined][]) {
  const given = args.filter(([, v]) => v !== undefined).map(([k, v]) => [k, v === null ? null : BigInt(v!)] as [string, PyValue]);
  const ns = namespace({ datasets: rows.map((_, i) => dataset(abbrOf(i))), infer: partitioner(kind, given) });
  const { experiment } = buildExperiment(ns);
  const sized = resolveSizes(experiment, { cli: Object.fromEntries(rows.map((s, i) => [abbrOf(i), s])) });
  const plan = planStages(experiment, sized.sizes);
  return { plan, infer: plan.stages.infer! };
}

/** Files of one dataset in shard order; they must tile [0, S) exactly once, in order, and sum to S. */
function expectCover(stage: StagePlan, abbr: string, size: number): PlannedFile[] {
  const files = stage.files.filter((f) => f.dataset === abbr);
  if (files.length === 1 && files[0]!.shard === null) {
    expect([files[0]!.start, files[0]!.end, files[0]!.size]).toEqual([0, size, size]);
    return files;
  }
  expect(files.map((f) => f.shard)).toEqual(files.map((_, i) => i));
  let at = 0;
  for (const f of files) {
    expect(f.start).toBe(at);
    expect(f.size).toBe(f.end - f.start);
    expect(f.size).toBeGreaterThan(0);
    expect(f.abbr).toBe(`${abbr}_${f.shard}`);
    at = f.end;
  }
  expect(at).toBe(size);
  // Every planned file is handed to exactly one task.
  const handed = stage.tasks.flatMap((t) => t.datasets.map(([a]) => a)).filter((a) => a === abbr || files.some((f) => f.abbr === a));
  expect(handed.sort()).toEqual(files.map((f) => f.abbr).sort());
  return files;
}

/** test_range of each shard as the tasks carry it. */
const rangesOf = (plan: Plan) => new Map(plan.stages.infer!.tasks.flatMap((t) => t.datasets));

describe('NumWorkerPartitioner invariants for random S, num_worker, num_split, min_task_size', () => {
  it('shards cover [0, S) once, in order, sizes sum to S, count ≤ num_split (or num_worker)', () => {
    fc.assert(
      fc.property(sizes, intArg(-2, 70), intArg(-2, 70), intArg(-3, 300), (rows, numWorker, numSplit, minTask) => {
        const { infer, plan } = planOf('NumWorkerPartitioner', rows, [
          ['num_worker', numWorker],
          ['num_split', numSplit],
          ['min_task_size', minTask],
        ]);
        const splitCount = numSplit || numWorker || 8;
        rows.forEach((s, i) => {
          const files = expectCover(infer, abbrOf(i), s);
          expect(files.length).toBeLessThanOrEqual(Math.max(splitCount, 1)); // a non-positive count leaves it whole
        });
        // One model: its chunks are dealt into at most num_worker buckets.
        expect(infer.tasks.length).toBeLessThanOrEqual(Math.max(numWorker || 8, 1));
        expect(plan.issues.every((i) => i.code.startsWith('SW_'))).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('SizePartitioner invariants for random S, max_task_size, gen_task_coef', () => {
  it('shards cover [0, S) once, in order, sizes sum to S, count ≤ ceil(S / (max_task_size // factor))', () => {
    let split = 0;
    fc.assert(
      fc.property(sizes, fc.integer({ min: 1, max: 60000 }), intArg(1, 50), (rows, maxTask, coef) => {
        const { infer } = planOf('SizePartitioner', rows, [
          ['max_task_size', maxTask],
          ['gen_task_coef', coef],
        ]);
        rows.forEach((s, i) => {
          const files = expectCover(infer, abbrOf(i), s);
          const factor = (coef ?? 20) * (abbrOf(i).startsWith('gsm8k') ? 10 : 1);
          if (files.length > 1) {
            split++;
            const step0 = Math.floor(maxTask / factor);
            expect(step0).toBeGreaterThan(0);
            expect(files.length).toBeLessThanOrEqual(Math.ceil(s / step0));
            expect(Math.max(...files.map((f) => f.size))).toBeLessThanOrEqual(step0);
          }
        });
      }),
      { seed: SEED, numRuns: 200 },
    );
    expect(split).toBeGreaterThan(50); // the bound on split datasets above was exercised, not vacuous
  });
});

describe('planned shard ranges slice like CPython', () => {
  it('len(range(S)[test_range]) is each shard size, for a sample of both partitioners', () => {
    const cases = fc.sample(fc.tuple(sizes, fc.boolean(), fc.integer({ min: 2, max: 40 }), fc.integer({ min: 100, max: 60000 })), {
      seed: SEED,
      numRuns: 40,
    });
    const rows: [number, string, number][] = [];
    for (const [sz, byWorker, n, maxTask] of cases) {
      const { plan, infer } = byWorker
        ? planOf('NumWorkerPartitioner', sz, [['num_worker', n]])
        : planOf('SizePartitioner', sz, [['max_task_size', maxTask]]);
      const ranges = rangesOf(plan);
      for (const f of infer.files.filter((x) => x.shard !== null))
        rows.push([sz[Number(/\d+$/.exec(f.dataset)![0])]!, ranges.get(f.abbr)!, f.size]);
    }
    expect(rows.length).toBeGreaterThan(20);
    const py = execFileSync('python3', ['-c', 'import json,sys\nfor s,r,_ in json.load(sys.stdin): print(len(eval("range(s)"+r)))'], {
      input: JSON.stringify(rows),
      encoding: 'utf8',
    });
    expect(py.trim().split('\n').map(Number)).toEqual(rows.map(([, , size]) => size));
  });
});
