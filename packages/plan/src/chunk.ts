import { isInt, issue, pyStr, setOwn, toPlainJson, type DatasetSize, type Issue, type PyDict, type PyValue } from '@shardwise/core';
import { sizeOf } from './dataset-size.js';
import { applySliceChain } from './test-range.js';
import type { Combination, DatasetEntry, ModelEntry, StageSetting } from './experiment.js';

/** One unit a partitioner hands to a task: a whole dataset or one shard of it. */
export interface Chunk {
  model: ModelEntry;
  dataset: DatasetEntry;
  /** `<abbr>` or `<abbr>_<i>`. */
  abbr: string;
  shard: number | null;
  /** The chunk's `reader_cfg.test_range` as the task sees it. */
  testRange: string | null;
  start: number;
  end: number;
  /** What the partitioner packs by (rows for NumWorker, cost for Size). */
  weight: number;
}

export interface StageContext {
  stage: 'infer' | 'eval';
  setting: StageSetting;
  sizes: readonly DatasetSize[];
  /**
   * Does `<out_dir>/<m>/<abbr>.json` exist (path relative to the run dir)? Absent for the full plan: then no path
   * is built just to ask (`ctx.exists?.(path)` skips its argument).
   */
  exists?: (runRelPath: string) => boolean;
  issues: Issue[];
}

/** A partitioner reproduced as data + an algorithm (docs/opencompass.md §3.3-§3.5). */
export interface PartitionerPlanner {
  /** Last dotted segments of the partitioner types this planner reproduces. */
  kinds: readonly string[];
  /** Effective arguments with defaults filled in, as plain JSON. */
  effectiveArgs(args: PyDict): Record<string, unknown>;
  /** Tasks (each a list of chunks, in creation order) for one combination. */
  plan(combination: Combination, ctx: StageContext): Chunk[][];
}

/**
 * The pieces as one flat string. A plan holds a path, an abbr and a range per shard file, hundreds of thousands
 * on a large run: built with `+` each is a chain of cons-string nodes about twice the size of the text.
 */
export const flat = (pieces: string[]): string => pieces.join('');

/** The dataset as one chunk: its own test_range, all S rows. */
export function wholeChunk(model: ModelEntry, dataset: DatasetEntry, size: number | undefined, weight = size ?? 0): Chunk {
  const tr = dataset.testRange;
  return {
    model,
    dataset,
    abbr: dataset.abbr,
    shard: null,
    testRange: tr === undefined || tr === null ? null : pyStr(tr),
    start: 0,
    end: size ?? 0,
    weight,
  };
}

/** Shard `i` of a dataset: `<abbr>_<i>` with the original range (f-string rules: None → 'None') + the suffix. */
export function shardChunk(
  model: ModelEntry,
  dataset: DatasetEntry,
  i: number,
  start: number,
  step: number,
  size: number,
  suffix: string,
  weight: number,
): Chunk {
  const tr = dataset.testRange;
  const prefix = tr === undefined ? '' : pyStr(tr);
  return {
    model,
    dataset,
    abbr: flat([dataset.abbr, '_', String(i)]),
    shard: i,
    testRange: flat([prefix, suffix]),
    start,
    end: Math.min(start + step, size),
    weight,
  };
}

/** Effective arguments: defaults overlaid with the config's values, as plain JSON. */
export function withDefaults(defaults: Record<string, unknown>, args: PyDict): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of args) if (typeof k === 'string' && k !== 'out_dir') setOwn(out, k, toPlainJson(v));
  return out;
}

/** An integer argument, or its default when absent or None; a non-int is reported and the default used. */
export function intArg(args: PyDict, name: string, dflt: number, ctx: StageContext): number {
  const v: PyValue | undefined = args.get(name);
  if (v === undefined || v === null) return dflt;
  if (isInt(v)) return Number(v);
  ctx.issues.push(
    issue('SW_PLAN_PARTITIONER_ARG', `${ctx.stage}.partitioner.${name} is ${pyStr(v)}, not an int`, { hint: `set ${name} to an integer` }),
  );
  return dflt;
}

/** `strategy`: 'heuristic' or 'split'; anything else fails OpenCompass's assertion. */
export function strategyArg(args: PyDict, ctx: StageContext): 'heuristic' | 'split' {
  const v = args.get('strategy') ?? 'heuristic';
  if (v === 'heuristic' || v === 'split') return v;
  ctx.issues.push(
    issue('SW_PLAN_PARTITIONER_ARG', `${ctx.stage}.partitioner.strategy is ${pyStr(v)}; OpenCompass asserts 'heuristic' or 'split'`, {
      hint: "use strategy='heuristic' or 'split'",
    }),
  );
  return 'heuristic';
}

/** S for a dataset a partitioner must measure; reports and returns undefined when no source knows it. */
export function requireSize(dataset: DatasetEntry, ctx: StageContext, reported: Set<string>): number | undefined {
  const s = sizeOf(ctx.sizes, dataset.abbr);
  if (s === undefined && !reported.has(dataset.abbr)) {
    reported.add(dataset.abbr);
    ctx.issues.push(
      issue('SW_SIZE_UNKNOWN', `the ${ctx.setting.kind} of the ${ctx.stage} stage needs the size of '${dataset.abbr}'; planned unsplit`, {
        abbr: dataset.abbr,
        hint: `pass --size ${dataset.abbr}=ROWS, --dataset-size .cache/dataset_size.json, or add it under [sizes] datasets in shardwise.toml`,
      }),
    );
  }
  return s;
}

/** A test_range a splitting partitioner cannot extend: reported, and the dataset planned unsplit. */
export function unsplittableRange(dataset: DatasetEntry, ctx: StageContext): boolean {
  const tr = dataset.testRange;
  if (tr === undefined) return false;
  if (typeof tr === 'string') {
    const r = applySliceChain(1, tr);
    if (r.ok) return false;
    ctx.issues.push(
      issue('SW_PLAN_TEST_RANGE', `'${dataset.abbr}' has test_range '${tr}': ${r.reason}`, {
        abbr: dataset.abbr,
        hint: "use a slice string such as '[0:100]'",
      }),
    );
    return true;
  }
  const what = tr === null ? 'None (written explicitly)' : `the number ${pyStr(tr)}`;
  ctx.issues.push(
    issue(
      'SW_PLAN_TEST_RANGE',
      `'${dataset.abbr}' has test_range ${what}; ${ctx.setting.kind} builds shard ranges like '${pyStr(tr)}[0:16]', which fail when loaded`,
      {
        abbr: dataset.abbr,
        hint: "use a slice string such as '[0:100]', or remove test_range",
      },
    ),
  );
  return true;
}

/** `heuristic`: chunk j to bucket j % buckets, non-empty buckets in order; `split`: one task per chunk. */
export function roundRobin(chunks: Chunk[], buckets: number, strategy: 'heuristic' | 'split'): Chunk[][] {
  if (strategy === 'split') return chunks.map((c) => [c]);
  const out: Chunk[][] = Array.from({ length: Math.max(1, buckets) }, () => []);
  chunks.forEach((c, j) => out[j % out.length]!.push(c));
  return out.filter((b) => b.length > 0);
}
