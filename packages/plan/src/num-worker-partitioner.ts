import type { PyDict } from '@shardwise/core';
import { sizeOf } from './dataset-size.js';
import {
  intArg,
  requireSize,
  roundRobin,
  shardChunk,
  strategyArg,
  unsplittableRange,
  wholeChunk,
  withDefaults,
  type Chunk,
  type PartitionerPlanner,
  type StageContext,
} from './chunk.js';
import { outputPath } from './run-paths.js';

/**
 * Which argument sets the shard count and which the bucket count, per OpenCompass version (docs/opencompass.md §3.4).
 * The split switch is always "shard count <= 1". 0.2.2-0.2.5 and ≥ 0.3.0 agree unless `num_split` is given;
 * a `num_worker_split` argument only exists in 0.2.6.
 */
export const NUM_WORKER_VERSIONS = [
  {
    versions: '0.2.6',
    when: (args: PyDict) => args.has('num_worker_split'),
    shards: ['num_worker'],
    buckets: ['num_worker_split', 'num_worker'],
  },
  { versions: '>=0.3.0', when: () => true, shards: ['num_split', 'num_worker'], buckets: ['num_worker'] },
] as const;

export const NUM_WORKER_DEFAULTS = {
  num_worker: 8,
  num_split: null,
  min_task_size: 16,
  strategy: 'heuristic',
  dataset_size_path: '.cache/dataset_size.json',
  force_rebuild: false,
};

export interface NumWorkerSettings {
  /** Target shards per dataset. */
  numSplit: number;
  /** Task buckets per model. */
  buckets: number;
  minTaskSize: number;
  strategy: 'heuristic' | 'split';
}

export function numWorkerSettings(args: PyDict, ctx: StageContext): NumWorkerSettings {
  const rules = NUM_WORKER_VERSIONS.find((v) => v.when(args))!;
  // `num_split or num_worker`: 0 and None fall through to the next argument, like Python's `or`.
  const first = (names: readonly string[]) => {
    for (const name of names) {
      const v = intArg(args, name, name === 'num_worker' ? NUM_WORKER_DEFAULTS.num_worker : 0, ctx);
      if (v) return v;
    }
    return NUM_WORKER_DEFAULTS.num_worker;
  };
  return {
    numSplit: first(rules.shards),
    buckets: first(rules.buckets),
    minTaskSize: intArg(args, 'min_task_size', NUM_WORKER_DEFAULTS.min_task_size, ctx),
    strategy: strategyArg(args, ctx),
  };
}

/** `step = max(ceil(S / num_split), min_task_size)`; K = ceil(S / step) shards. Undefined when S is not split. */
export function numWorkerStep(size: number, s: Pick<NumWorkerSettings, 'numSplit' | 'minTaskSize'>): number | undefined {
  if (s.numSplit <= 1 || size <= s.minTaskSize) return undefined;
  return Math.max(Math.ceil(size / s.numSplit), s.minTaskSize);
}

/** `NumWorkerPartitioner`: datasets in config order, shards `[a:b]` without spaces, round-robin buckets. */
export const numWorkerPartitioner: PartitionerPlanner = {
  kinds: ['NumWorkerPartitioner'],
  effectiveArgs: (args) => withDefaults(NUM_WORKER_DEFAULTS, args),
  plan(combination, ctx) {
    const s = numWorkerSettings(ctx.setting.args, ctx);
    const reported = new Set<string>();
    return combination.models.flatMap((model) => {
      const chunks: Chunk[] = [];
      for (const ds of combination.datasets) {
        if (ctx.exists?.(outputPath(ctx.stage, model.abbr, ds.abbr))) continue;
        // get_size runs for every dataset, so a range it cannot evaluate breaks even unsplit plans.
        const badRange = !reported.has(ds.abbr) && unsplittableRange(ds, ctx);
        if (badRange) reported.add(ds.abbr);
        const size = s.numSplit > 1 && !reported.has(ds.abbr) ? requireSize(ds, ctx, reported) : undefined;
        const step = size === undefined ? undefined : numWorkerStep(size, s);
        if (size === undefined || step === undefined) {
          chunks.push(wholeChunk(model, ds, size ?? sizeOf(ctx.sizes, ds.abbr)));
          continue;
        }
        for (let i = 0, a = 0; a < size; i++, a += step) {
          if (!ctx.exists?.(outputPath(ctx.stage, model.abbr, `${ds.abbr}_${i}`))) {
            chunks.push(shardChunk(model, ds, i, a, step, size, `[${a}:${a + step}]`, Math.min(step, size - a)));
          }
        }
      }
      return roundRobin(chunks, s.buckets, s.strategy);
    });
  },
};
