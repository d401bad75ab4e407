import { dig, isDict, issue, type PyValue } from '@shardwise/core';
import {
  intArg,
  requireSize,
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
import type { DatasetEntry } from './experiment.js';
import { fnmatch } from '@shardwise/core';

export const SIZE_DEFAULTS = {
  max_task_size: 40000,
  gen_task_coef: 20,
  strategy: 'heuristic',
  dataset_size_path: '.cache/dataset_size.json',
};

/** Abbrs whose cost factor is multiplied by 10 (`size.py` get_factor), matched with Python's fnmatch. */
export const HEAVY_ABBR_PATTERNS = [
  'bbh*',
  'gsm8k*',
  'math*',
  'strategyqa*',
  'agieval-jec*',
  'agieval-gaokao-mathcloze',
  'agieval-math',
  '*professional_law',
] as const;

/** Template keys of a generation template; any other key makes the template a PPL label dict. */
const GEN_TEMPLATE_KEYS = new Set<PyValue>(['begin', 'round', 'end']);

/** `gen_task_coef`, or the number of PPL labels; ×10 for the heavy abbr patterns. */
export function costFactor(ds: DatasetEntry, genTaskCoef: number): number {
  const infer = ds.config.get('infer_cfg');
  const template =
    isDict(infer) && infer.has('prompt_template') ? dig(infer, 'prompt_template', 'template') : dig(infer, 'ice_template', 'template');
  let factor = genTaskCoef;
  if (isDict(template) && [...template.keys()].some((k) => !GEN_TEMPLATE_KEYS.has(k))) factor = template.size;
  return HEAVY_ABBR_PATTERNS.some((p) => fnmatch(ds.abbr, p)) ? factor * 10 : factor;
}

/** `SizePartitioner`: datasets by cost descending, shards `[a: b]` with a space, greedy packing by cost. */
export const sizePartitioner: PartitionerPlanner = {
  kinds: ['SizePartitioner'],
  effectiveArgs: (args) => withDefaults(SIZE_DEFAULTS, args),
  plan(combination, ctx) {
    const maxTaskSize = intArg(ctx.setting.args, 'max_task_size', SIZE_DEFAULTS.max_task_size, ctx);
    const coef = intArg(ctx.setting.args, 'gen_task_coef', SIZE_DEFAULTS.gen_task_coef, ctx);
    const strategy = strategyArg(ctx.setting.args, ctx);
    const reported = new Set<string>();
    const measured = combination.datasets.map((ds) => {
      const size = requireSize(ds, ctx, reported);
      const factor = costFactor(ds, coef);
      return { ds, size, factor, cost: (size ?? 0) * factor };
    });
    // Array.prototype.sort is stable, like Python's sorted.
    measured.sort((a, b) => b.cost - a.cost);
    return combination.models.flatMap((model) => {
      const chunks: Chunk[] = [];
      for (const { ds, size, factor, cost } of measured) {
        if (ctx.exists?.(outputPath(ctx.stage, model.abbr, ds.abbr))) continue;
        if (size === undefined || cost <= maxTaskSize || !splittable(ds, factor, maxTaskSize, ctx, reported)) {
          chunks.push(wholeChunk(model, ds, size, cost));
          continue;
        }
        const step0 = Math.floor(maxTaskSize / factor);
        const step = Math.ceil(size / Math.ceil(size / step0));
        for (let i = 0, a = 0; a < size; i++, a += step) {
          if (!ctx.exists?.(outputPath(ctx.stage, model.abbr, `${ds.abbr}_${i}`))) {
            chunks.push(shardChunk(model, ds, i, a, step, size, `[${a}: ${a + step}]`, maxTaskSize));
          }
        }
      }
      return strategy === 'split' ? chunks.map((c) => [c]) : pack(chunks, maxTaskSize);
    });
  },
};

/** A dataset the partitioner would cut: its range extends, and `max_task_size // factor` is not 0. */
function splittable(ds: DatasetEntry, factor: number, maxTaskSize: number, ctx: StageContext, reported: Set<string>): boolean {
  if (reported.has(`range:${ds.abbr}`)) return false;
  if (unsplittableRange(ds, ctx)) {
    reported.add(`range:${ds.abbr}`);
    return false;
  }
  if (Math.floor(maxTaskSize / factor) > 0) return true;
  reported.add(`range:${ds.abbr}`);
  ctx.issues.push(
    issue(
      'SW_PLAN_PARTITIONER_ARG',
      `'${ds.abbr}' has cost factor ${factor} > max_task_size ${maxTaskSize}: step 0 raises ZeroDivisionError in SizePartitioner`,
      {
        abbr: ds.abbr,
        hint: 'raise max_task_size or lower gen_task_coef',
      },
    ),
  );
  return false;
}

/** Chunks by weight descending, then greedy: a task closes when the next chunk would exceed max_task_size. */
function pack(chunks: Chunk[], maxTaskSize: number): Chunk[][] {
  const sorted = [...chunks].sort((a, b) => b.weight - a.weight);
  const tasks: Chunk[][] = [];
  let current: Chunk[] = [];
  let total = 0;
  for (const c of sorted) {
    if (current.length && total + c.weight > maxTaskSize) {
      tasks.push(current);
      current = [];
      total = 0;
    }
    current.push(c);
    total += c.weight;
  }
  if (current.length) tasks.push(current);
  return tasks;
}
