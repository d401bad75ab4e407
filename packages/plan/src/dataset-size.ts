import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issue, ownValue, RunTree, type DatasetSize, type Issue, type PyValue } from '@shardwise/core';
import { outputFolder } from './run-paths.js';
import type { DatasetEntry, Experiment } from './experiment.js';
import { PredictionCounts } from './prediction-rows.js';
import { randomSubsetLength, slicedLength } from './test-range.js';

/** Where dataset sizes may come from; each is optional. */
export interface SizeSources {
  /** A run dir: its predictions/ give exact sizes (unsplit files, or the sum of shard files). */
  runDir?: string;
  /** The run's prediction files as counted once per command (shared with the check); made from `runDir` if absent. */
  counts?: PredictionCounts;
  /** OpenCompass's `.cache/dataset_size.json`. */
  cacheFile?: string;
  /** `--size ABBR=N`: rows of one replica before test_range (×n and test_range are applied here). */
  cli?: Record<string, number>;
  /** `[sizes] datasets` of shardwise.toml, same meaning as `cli`. */
  settings?: Record<string, number>;
  settingsFile?: string;
}

type Source = DatasetSize['source'];

/**
 * S of every dataset from every source, in order of trust (docs/opencompass.md §2.5, §3.7). The result lists each
 * candidate found, the most trusted first — that one is what the planner uses. Candidates that disagree are an
 * issue; a cache entry that already holds the ranged size (so the range is applied twice) is named as the cause.
 */
export function resolveSizes(experiment: Experiment, sources: SizeSources): { sizes: DatasetSize[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const cache = sources.cacheFile !== undefined ? readCache(sources.cacheFile, issues) : undefined;
  const counts = sources.counts ?? (sources.runDir !== undefined ? new PredictionCounts(new RunTree(sources.runDir)) : undefined);
  const lastShards = counts ? new LastShards(counts.tree) : undefined;
  const sizes: DatasetSize[] = [];
  for (const ds of experiment.datasets) {
    const found: DatasetSize[] = [];
    const add = (size: number | undefined, source: Source, file?: string) => {
      if (size !== undefined) found.push({ dataset: ds.abbr, size, source, ...(file !== undefined ? { file } : {}) });
    };
    if (counts && lastShards) {
      const fromPreds = predictionSizes(counts, experiment, ds, lastShards, issues);
      add(fromPreds.unsplit?.size, 'predictions', fromPreds.unsplit?.file);
      add(fromPreds.shards?.size, 'shard-predictions', fromPreds.shards?.file);
    }
    const cached = cache?.get(ds.abbr);
    if (cached !== undefined) add(cacheInterpretation(ds, cached), 'size-cache', sources.cacheFile);
    const given = ownValue(sources.cli, ds.abbr);
    if (given !== undefined) add(loadedRows(ds, given), 'cli');
    const configured = ownValue(sources.settings, ds.abbr);
    if (configured !== undefined) add(loadedRows(ds, configured), 'settings', sources.settingsFile);
    sizes.push(...dedupe(found));
    issues.push(...disagreements(ds, found, cached));
  }
  return { sizes, issues };
}

/** The size the planner uses: the most trusted candidate. */
export function sizeOf(sizes: readonly DatasetSize[], abbr: string): number | undefined {
  let cached = sizeIndex.get(sizes);
  if (cached?.length !== sizes.length) {
    const byDataset = new Map<string, number>();
    for (const s of sizes) if (!byDataset.has(s.dataset)) byDataset.set(s.dataset, s.size);
    sizeIndex.set(sizes, (cached = { length: sizes.length, byDataset }));
  }
  return cached.byDataset.get(abbr);
}

/** Per sizes array, dataset → the most trusted size: planners ask once per model × dataset, a scan each was quadratic. */
const sizeIndex = new WeakMap<readonly DatasetSize[], { length: number; byDataset: Map<string, number> }>();

/** NumWorker's `eval('len(range(C)' + test_range + ')')` and Size's `_get_actual_size` on a cached C. */
export function cacheInterpretation(ds: DatasetEntry, cached: number): number | undefined {
  return rangedRows(ds.testRange, cached);
}

/** `len(dataset.test)` for a loader returning `rows` rows: ×n, then the dataset's own test_range. */
export function loadedRows(ds: DatasetEntry, rows: number): number | undefined {
  return rangedRows(ds.testRange, rows * ds.n);
}

function rangedRows(testRange: PyValue | undefined, total: number): number | undefined {
  if (testRange === undefined || testRange === null || testRange === '') return total;
  if (typeof testRange === 'string') return slicedLength(total, testRange);
  if (typeof testRange === 'bigint') return randomSubsetLength(total, Number(testRange), false);
  if (typeof testRange === 'number') return randomSubsetLength(total, testRange, true);
  return undefined;
}

function readCache(file: string, issues: Issue[]): Map<string, number> | undefined {
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    issues.push(
      issue('SW_SIZE_CACHE_UNREADABLE', `the size cache is not valid JSON: ${(e as Error).message}`, {
        file,
        hint: 'delete it; OpenCompass rebuilds it on the next run',
      }),
    );
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    issues.push(
      issue('SW_SIZE_CACHE_UNREADABLE', 'the size cache is not a JSON object of abbr → rows', {
        file,
        hint: 'delete it; OpenCompass rebuilds it on the next run',
      }),
    );
    return undefined;
  }
  const out = new Map<string, number>();
  for (const [abbr, v] of Object.entries(data)) {
    if (Number.isInteger(v) && (v as number) >= 0) out.set(abbr, v as number);
    else
      issues.push(
        issue('SW_SIZE_CACHE_UNREADABLE', `entry '${abbr}' is ${JSON.stringify(v)}, not a row count`, {
          file,
          abbr,
          hint: 'delete the entry; OpenCompass recomputes it',
        }),
      );
  }
  return out;
}

interface Found {
  size: number;
  file: string;
}

/** Rows of the unsplit prediction file, and the sum of a self-consistent shard set, of the first model that has them. */
function predictionSizes(
  counts: PredictionCounts,
  experiment: Experiment,
  ds: DatasetEntry,
  lastShards: LastShards,
  issues: Issue[],
): { unsplit?: Found; shards?: Found } {
  let unsplit: Found | undefined;
  let shards: Found | undefined;
  const runDir = counts.tree.runDir;
  for (const m of experiment.models) {
    const folder = outputFolder('infer', m.abbr);
    // Missing files and links out of the run dir give no size (check reports the links as SW_RUN_LINK_OUTSIDE).
    const whole = unsplit ? undefined : counts.count(`${folder}/${ds.abbr}.json`);
    if (whole && 'ok' in whole) {
      if (whole.ok) unsplit = { size: whole.rows, file: join(runDir, folder, `${ds.abbr}.json`) };
      else
        issues.push(
          issue('SW_PRED_UNREADABLE', whole.reason, {
            file: join(runDir, folder, `${ds.abbr}.json`),
            model: m.abbr,
            abbr: ds.abbr,
            hint: 'delete the file so OpenCompass re-infers it',
          }),
        );
    }
    if (!shards) {
      const rows: number[] = [];
      for (let i = 0; ; i++) {
        const r = counts.count(`${folder}/${ds.abbr}_${i}.json`);
        if (!('ok' in r) || !r.ok) break;
        rows.push(r.rows);
      }
      if (looksComplete(rows) && (lastShards.of(folder, ds.abbr) ?? 0) <= rows.length)
        shards = { size: rows.reduce((a, b) => a + b, 0), file: join(runDir, folder, `${ds.abbr}_0.json`) };
    }
  }
  return { ...(unsplit ? { unsplit } : {}), ...(shards ? { shards } : {}) };
}

/** Contiguous shards cut by one step: every shard but the last has the first shard's rows, the last at most that. */
function looksComplete(rows: number[]): boolean {
  if (rows.length < 2) return false;
  const step = rows[0]!;
  const last = rows[rows.length - 1]!;
  return rows.slice(0, -1).every((r) => r === step) && last > 0 && last <= step;
}

/** The highest `j` of a folder's `<abbr>_<j>.json` names (j without zero padding; 0 excluded), by abbr: a shard beyond a contiguous run is a gap. */
class LastShards {
  private readonly byFolder = new Map<string, Map<string, number>>();
  constructor(private readonly tree: RunTree) {}
  of(folder: string, abbr: string): number | undefined {
    let last = this.byFolder.get(folder);
    if (!last) {
      last = new Map();
      for (const f of this.tree.names(folder)) {
        const m = SHARD_FILE.exec(f);
        if (m) last.set(m[1]!, Math.max(last.get(m[1]!) ?? 0, Number(m[2])));
      }
      this.byFolder.set(folder, last);
    }
    return last.get(abbr);
  }
}

/** `<abbr>_<j>.json`: j has no underscore, so the abbr is everything before the last one. */
const SHARD_FILE = /^(.*)_([1-9]\d*)\.json$/;

function dedupe(found: DatasetSize[]): DatasetSize[] {
  return found.filter((f, i) => found.findIndex((g) => g.source === f.source) === i);
}

function disagreements(ds: DatasetEntry, found: DatasetSize[], cached: number | undefined): Issue[] {
  const trusted = found[0];
  if (!trusted) return [];
  const out: Issue[] = [];
  const trueSize = found.find((f) => f.source !== 'size-cache')?.size;
  const cacheCandidate = found.find((f) => f.source === 'size-cache');
  const doubled =
    cached !== undefined &&
    trueSize !== undefined &&
    typeof ds.testRange === 'string' &&
    cached === trueSize &&
    cacheCandidate !== undefined &&
    cacheCandidate.size !== cached;
  if (doubled) {
    out.push(
      issue(
        'SW_SIZE_CACHE_DOUBLE_RANGE',
        `the size cache holds ${cached} for '${ds.abbr}', already limited by test_range '${ds.testRange as string}'; OpenCompass applies the range again and plans ${cacheCandidate.size} rows instead of ${trueSize}`,
        {
          ...(cacheCandidate.file !== undefined ? { file: cacheCandidate.file } : {}),
          abbr: ds.abbr,
          hint: `delete the '${ds.abbr}' entry from the cache (or run with force_rebuild=True) before re-running`,
        },
      ),
    );
  }
  for (const f of found.slice(1)) {
    if (f.size === trusted.size || (doubled && f.source === 'size-cache')) continue;
    out.push(
      issue('SW_SIZE_DISAGREE', `'${ds.abbr}' has ${trusted.size} rows by ${trusted.source} but ${f.size} by ${f.source}`, {
        ...(f.file !== undefined ? { file: f.file } : {}),
        abbr: ds.abbr,
        hint:
          f.source === 'size-cache'
            ? 'the cache entry is stale or poisoned by a ranged run: delete it so OpenCompass recounts'
            : `check which is right; the plan uses the ${trusted.source} value`,
      }),
    );
  }
  return out;
}
