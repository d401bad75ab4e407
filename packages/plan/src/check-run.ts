import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  evaluatorInfoOf,
  evaluatorVerdict,
  hasErrors,
  issue,
  loadMergeRules,
  mergeStateKey,
  ownMerge,
  RunTree,
  STALE_FIX,
  staleMessage,
  weightedMeanMisfit,
  type CheckFileReport,
  type CheckPairing,
  type CheckPairReport,
  type CheckReport,
  type CheckStageFiles,
  type CheckStageSummary,
  type EvaluatorVerdict,
  type Issue,
  type MergeState,
  type UpstreamSplitMerge,
  type Plan,
  type PlannedFile,
  type RuleTable,
  type StagePlan,
} from '@shardwise/core';
import { adviseSettings, digest } from './advice.js';
import type { StageContext } from './chunk.js';
import { OUT_DIR, outputFolder, outputPath } from './run-paths.js';
import { sizeOf } from './dataset-size.js';
import type { DatasetEntry, Experiment } from './experiment.js';
import { numWorkerSettings, numWorkerStep } from './num-worker-partitioner.js';
import { evalShardsOf, stageFilesOf } from './plan-stages.js';
import { PredictionCounts } from './prediction-rows.js';
import { summarizerIsDefault, summarizerReadsShards, summarizerType } from './shard-rules.js';

export interface CheckOptions {
  /** Issues found while loading (config, experiment, sizes), carried into the report first. */
  issues?: Issue[];
  /**
   * The merge-rule table in force (built-in plus shardwise.toml rules, as `loadMergeRules` gives it; default: the
   * built-in table). Which split evaluations are invalid or unmergeable is read off it, as merge reads it.
   */
  rules?: RuleTable;
  /** The prediction files as the sizes step counted them (loadRun's), so no file is read twice. */
  counts?: PredictionCounts;
  /**
   * The merge state of every model × dataset split at eval, by `mergeStateKey` (@shardwise/merge's `mergeStates`,
   * computed there and handed over as data: plan sits below merge). Without it a merged result counts as another file.
   */
  mergeStates?: ReadonlyMap<string, MergeState>;
  /** Whether the summarizer that will run merges result shards itself (@shardwise/merge's `upstreamSplitMerge`). */
  upstream?: UpstreamSplitMerge;
  /** Report each present file's size (`bytes`): a stat per result file, which only the JSON and report views show. */
  fileSizes?: boolean;
}

type Stage = 'infer' | 'eval';

/**
 * Holds a run dir against the full plan: per stage and model × dataset, the expected files against what is on
 * disk (OpenCompass's skip and `_0, _1, …` reading rules, docs/opencompass.md §3.1, §4.2), the pairing of the stages and
 * the summarizer, abbr collisions, and advice. Problems are returned in the report, never thrown.
 */
export function checkRun(runDir: string, experiment: Experiment, plan: Plan, options: CheckOptions = {}): CheckReport {
  const issues: Issue[] = [...(options.issues ?? [])];
  const disk = new DiskView(options.counts ?? new PredictionCounts(new RunTree(runDir)), options.fileSizes ?? true);
  const index = planIndex(experiment, plan);
  const pairs: CheckPairReport[] = [];
  const planned = plannedPairs(plan);
  // The prediction files counted below, in that order (those the sizes step counted are not read again).
  disk.counts.tree.readAhead(
    planned.flatMap(({ model, dataset }) =>
      stageFilesOf(plan.stages.infer, model, dataset)
        .map((f) => f.path)
        .filter((p) => !disk.counts.has(p)),
    ),
  );
  try {
    for (const { model, dataset } of planned) {
      const size = sizeOf(plan.sizes ?? [], dataset);
      const merged = (stage: Stage) =>
        ownMerge(options.mergeStates?.get(mergeStateKey(stage === 'eval' ? 'results' : 'predictions', model, dataset)));
      const observe = (stage: Stage) => observePair(stage, model, dataset, plan, experiment, disk, index, size, issues, merged(stage));
      pairs.push({ model, dataset, size: size ?? null, infer: observe('infer'), eval: observe('eval') });
    }
  } finally {
    disk.counts.tree.closeReadAhead();
  }
  issues.push(...staleMerges(options.mergeStates));
  issues.push(...abbrCollisions(experiment, plan));
  const rules = options.rules ?? loadMergeRules().rules;
  const pairing = pairStages(experiment, plan, disk, rules, options, issues);
  const advised = adviseSettings(experiment, plan);
  issues.push(...advised.issues);
  const unique = dedupe(issues);
  const files = pairs.flatMap((p) => [...p.infer.files, ...p.eval.files]);
  const count = (s: CheckFileReport['status']) => files.filter((f) => f.status === s).length;
  return {
    runDir,
    configFile: experiment.configFile ?? '',
    pairing,
    stages: { infer: stageSummary(experiment.infer, plan.stages.infer), eval: stageSummary(experiment.eval, plan.stages.eval) },
    sizes: plan.sizes ?? [],
    assumptions: plan.assumptions ?? [],
    pairs,
    totals: {
      expected: files.filter((f) => f.expectedRows !== undefined).length,
      present: count('present'),
      missing: count('missing'),
      extra: count('extra'),
      stale: count('stale'),
      errors: unique.filter((i) => i.severity === 'error').length,
      warnings: unique.filter((i) => i.severity === 'warning').length,
    },
    issues: unique,
    advice: advised.advice,
  };
}

/** Exit status of a check: 1 when any error-severity issue. */
export function checkFailed(report: CheckReport): boolean {
  return hasErrors(report.issues as Issue[]);
}

/** The run's folders, listed once, and its prediction files, counted once (shared with the sizes step when given). */
class DiskView {
  constructor(
    readonly counts: PredictionCounts,
    readonly sizes: boolean,
  ) {}
  get runDir(): string {
    return this.counts.tree.runDir;
  }
  names(stage: Stage, model: string): Set<string> {
    return this.counts.tree.names(outputFolder(stage, model));
  }
  path(stage: Stage, model: string, abbr: string): string {
    return outputPath(stage, model, abbr);
  }
  /** A counted prediction file's size is known from its read; other files cost a stat (none when sizes are not asked for). */
  bytes(rel: string): { bytes?: number } {
    return this.sizes ? { bytes: this.counts.bytesOf(rel) ?? statSync(join(this.runDir, rel)).size } : {};
  }
}

function plannedPairs(plan: Plan): { model: string; dataset: string }[] {
  const seen = new Map<string, { model: string; dataset: string }>();
  for (const f of [...(plan.stages.infer?.files ?? []), ...(plan.stages.eval?.files ?? [])]) {
    const key = `${f.model}\u0000${f.dataset}`;
    if (!seen.has(key)) seen.set(key, { model: f.model, dataset: f.dataset });
  }
  return [...seen.values()];
}

function observePair(
  stage: Stage,
  model: string,
  dataset: string,
  plan: Plan,
  experiment: Experiment,
  disk: DiskView,
  index: PlanIndex,
  size: number | undefined,
  issues: Issue[],
  merged = false,
): CheckStageFiles {
  const planned = stageFilesOf(plan.stages[stage], model, dataset);
  const names = disk.names(stage, model);
  const ranges = index.ranges[stage].get(model) ?? new Map<string, string | null>();
  const where = { model, abbr: dataset };
  const split = planned.some((f) => f.shard !== null);
  const onDisk = shardIndicesOnDisk(names, dataset, index.owners);
  const unsplitPath = disk.path(stage, model, dataset);
  const unsplitHere = names.has(`${dataset}.json`);
  const readRows = (rel: string) => (stage === 'infer' ? rowsOf(disk, rel, model, dataset, issues) : undefined);
  const report = (f: PlannedFile, status: CheckFileReport['status'], rows?: number): CheckFileReport => ({
    abbr: f.abbr,
    shard: f.shard,
    path: f.path,
    range: ranges.get(f.abbr) ?? null,
    start: f.start,
    end: f.end,
    expectedRows: f.size,
    status,
    ...(rows !== undefined ? { rows } : {}),
    ...(status !== 'missing' ? disk.bytes(f.path) : {}),
  });
  const extraFile = (i: number | null): CheckFileReport => {
    const abbr = i === null ? dataset : `${dataset}_${i}`;
    const path = disk.path(stage, model, abbr);
    const rows = readRows(path);
    return { abbr, shard: i, path, status: 'extra', ...(rows !== undefined ? { rows } : {}), ...disk.bytes(path) };
  };
  const files: CheckFileReport[] = [];

  // `merged`: the unsplit file is shardwise's merge of these shards, so they are its inputs, checked as planned.
  if (split && unsplitHere && !merged) {
    // The partitioner skips a dataset whose unsplit output exists; that file is what later stages read.
    const whole: PlannedFile = { model, dataset, abbr: dataset, shard: null, start: 0, end: size ?? 0, size: size ?? 0, path: unsplitPath };
    files.push(checkedFile(whole, readRows(unsplitPath), size, report), ...onDisk.map(extraFile));
    if (onDisk.length) issues.push(bothPresent(stage, dataset, onDisk, where));
  } else if (split) {
    const wanted = planned.map((f) => f.shard!);
    const missing = wanted.filter((i) => !names.has(`${dataset}_${i}.json`));
    for (const f of planned) files.push(missing.includes(f.shard!) ? report(f, 'missing') : checkedFile(f, readRows(f.path), size, report));
    const extra = onDisk.filter((i) => !wanted.includes(i));
    files.push(...extra.map(extraFile));
    if (missing.length) {
      issues.push(
        issue(
          'SW_SHARD_MISSING',
          `${OUT_DIR[stage]}/${model}: ${missing.length} of ${wanted.length} shards of '${dataset}' missing (${missing.map((i) => `_${i}`).join(', ')})`,
          {
            ...where,
            file: disk.path(stage, model, `${dataset}_${missing[0]}`),
            hint:
              stage === 'infer' ? 'resume the run with -r <ts> so OpenCompass infers the missing shards' : 'resume with -m eval -r <ts>',
          },
        ),
      );
      const gap = shardGap(
        stage,
        model,
        dataset,
        wanted.filter((i) => !missing.includes(i)),
        disk,
      );
      if (gap) issues.push(gap);
    }
    const disagree = extra.length > 0 || files.some((f) => f.status === 'stale');
    const fit =
      stage === 'infer' && disagree
        ? otherNumSplit(
            [...files].sort((a, b) => a.shard! - b.shard!),
            size,
            experiment,
          )
        : undefined;
    if (fit)
      issues.push(
        issue('SW_SHARD_OTHER_NUM_SPLIT', `the shards of '${dataset}' on disk fit ${fit}, not the plan's ${wanted.length} shards`, {
          ...where,
          hint: 'they come from a launch with another setting: re-run with one setting, or delete the stale shards',
        }),
      );
    if (extra.length) {
      issues.push(
        issue(
          'SW_SHARD_EXTRA',
          `'${dataset}' has shard file(s) _${extra.join(', _')} beyond the ${wanted.length} the plan gives; OpenCompass appends contiguous ones to the predictions`,
          {
            ...where,
            file: disk.path(stage, model, `${dataset}_${extra[0]}`),
            hint: 'delete the stale shard files (they come from a run with another setting)',
          },
        ),
      );
    }
  } else {
    const whole = planned[0];
    if (whole) files.push(unsplitHere ? checkedFile(whole, readRows(whole.path), size, report) : report(whole, 'missing'));
    files.push(...onDisk.map(extraFile));
    if (unsplitHere && onDisk.length) issues.push(bothPresent(stage, dataset, onDisk, where));
    if (!unsplitHere) {
      const fit =
        stage === 'infer' && onDisk.length
          ? otherNumSplit(
              files.filter((f) => f.status === 'extra'),
              size,
              experiment,
            )
          : undefined;
      if (fit)
        issues.push(
          issue('SW_SHARD_OTHER_NUM_SPLIT', `the plan keeps '${dataset}' whole, but its ${onDisk.length} shard files fit ${fit}`, {
            ...where,
            hint: experiment.infer.assumed
              ? `re-run the check with --max-num-workers set to the value the run was launched with`
              : 'the shards come from another partitioner setting: check which config produced them',
          }),
        );
      // Shards that fit another num_split are what eval reads in place of the unsplit file: not missing.
      const gap = shardGap(stage, model, dataset, onDisk, disk);
      if (gap) issues.push(gap);
      if (!fit)
        issues.push(
          issue('SW_SHARD_MISSING', `${unsplitPath} is missing`, {
            ...where,
            file: unsplitPath,
            hint:
              onDisk.length && stage === 'infer'
                ? 'OpenCompass would read the shard files instead; make sure they are the ones you want (or merge them)'
                : stage === 'infer'
                  ? 'resume the run with -r <ts>'
                  : 'resume with -m eval -r <ts>',
          }),
        );
    }
  }
  sizeMismatches(dataset, files, where, issues);
  return { split, files, coverage: coverage(files) };
}

/**
 * Shard files `_0, _1, …` are read until the first missing index (docs/opencompass.md §4.2): shards present after it are
 * silently dropped. `present` are the indices on disk (planned or not).
 */
function shardGap(stage: Stage, model: string, dataset: string, present: number[], disk: DiskView): Issue | undefined {
  const have = new Set(present);
  let first = 0;
  while (have.has(first)) first++;
  const after = present.filter((i) => i > first).sort((a, b) => a - b);
  if (!after.length) return undefined;
  return issue(
    'SW_SHARD_GAP',
    `'${dataset}' has shard _${first} missing but _${after.join(', _')} present: OpenCompass stops reading at _${first} and drops the rest`,
    {
      model,
      abbr: dataset,
      file: disk.path(stage, model, `${dataset}_${first}`),
      hint: 're-run the missing shard(s) before evaluating; do not evaluate a gapped set',
    },
  );
}

function checkedFile(
  f: PlannedFile,
  rows: number | undefined,
  size: number | undefined,
  report: (f: PlannedFile, s: CheckFileReport['status'], rows?: number) => CheckFileReport,
): CheckFileReport {
  const stale = rows !== undefined && size !== undefined && rows !== f.size;
  return report(f, stale ? 'stale' : 'present', rows);
}

function sizeMismatches(dataset: string, files: CheckFileReport[], where: { model: string; abbr: string }, issues: Issue[]): void {
  const stale = files.filter((f) => f.status === 'stale');
  if (!stale.length) return;
  issues.push(
    issue(
      'SW_SHARD_SIZE_MISMATCH',
      `'${dataset}': ${stale.map((f) => `${f.abbr} has ${f.rows} rows, the plan ${f.expectedRows}`).join('; ')}`,
      {
        ...where,
        file: stale[0]!.path,
        hint: 'the file comes from another size or split: delete it and re-run, or check the dataset size (cache, --size)',
      },
    ),
  );
}

function bothPresent(stage: Stage, dataset: string, shards: number[], where: { model: string; abbr: string }): Issue {
  const merged = stage === 'eval';
  return issue(
    'SW_SHARD_UNSPLIT_AND_SPLIT',
    `${OUT_DIR[stage]}/${where.model}/${dataset}.json exists next to ${shards.length} shard file(s); OpenCompass uses the unsplit file and ignores the shards`,
    {
      ...where,
      ...(merged ? { severity: 'info' as const } : {}),
      hint: merged
        ? 'OpenCompass skips this dataset; if the shards are newer, delete the unsplit result and merge them'
        : 'delete whichever set is stale',
    },
  );
}

/** `<abbr>_<i>.json` names on disk (i without zero padding) that are not another dataset's own file. */
function shardIndicesOnDisk(names: Set<string>, dataset: string, owners: Map<string, string>): number[] {
  return (shardNamesOf(names).get(dataset) ?? [])
    .filter((i) => (owners.get(`${dataset}_${i}.json`) ?? dataset) === dataset)
    .sort((a, b) => a - b);
}

/**
 * The indices i of a listing's `<prefix>_<i>.json` names grouped by prefix, built once per listing (a scan per
 * dataset is quadratic). The name is `<prefix>_<i>.json` again: i is written without zero padding.
 */
const shardNames = new WeakMap<Set<string>, Map<string, number[]>>();
const SHARD_NAME = /^(.*)_(0|[1-9]\d*)\.json$/;

function shardNamesOf(names: Set<string>): Map<string, number[]> {
  let byPrefix = shardNames.get(names);
  if (byPrefix) return byPrefix;
  byPrefix = new Map();
  for (const n of names) {
    const m = SHARD_NAME.exec(n);
    if (!m) continue;
    const list = byPrefix.get(m[1]!);
    if (list) list.push(Number(m[2]));
    else byPrefix.set(m[1]!, [Number(m[2])]);
  }
  shardNames.set(names, byPrefix);
  return byPrefix;
}

/** Lookups built once per check: which dataset owns a file name, and each model's test_range per chunk abbr. */
interface PlanIndex {
  owners: Map<string, string>;
  ranges: Record<Stage, Map<string, Map<string, string | null>>>;
}

function planIndex(experiment: Experiment, plan: Plan): PlanIndex {
  const owners = new Map<string, string>();
  for (const d of experiment.datasets) owners.set(`${d.abbr}.json`, d.abbr);
  for (const f of [...(plan.stages.infer?.files ?? []), ...(plan.stages.eval?.files ?? [])])
    if (!owners.has(`${f.abbr}.json`)) owners.set(`${f.abbr}.json`, f.dataset);
  const ranges = (stage: StagePlan | undefined) => {
    const byModel = new Map<string, Map<string, string | null>>();
    for (const t of stage?.tasks ?? []) {
      const m = byModel.get(t.model) ?? new Map<string, string | null>();
      for (const [abbr, range] of t.datasets) m.set(abbr, range);
      byModel.set(t.model, m);
    }
    return byModel;
  };
  return { owners, ranges: { infer: ranges(plan.stages.infer), eval: ranges(plan.stages.eval) } };
}

function rowsOf(disk: DiskView, rel: string, model: string, dataset: string, issues: Issue[]): number | undefined {
  const r = disk.counts.count(rel);
  if ('issue' in r) return void issues.push({ ...r.issue, model, abbr: dataset });
  const reason = 'missing' in r ? 'the file disappeared while the run was read' : r.ok ? undefined : r.reason;
  if (reason === undefined) return (r as { rows: number }).rows;
  issues.push(
    issue('SW_PRED_UNREADABLE', reason, {
      file: join(disk.runDir, rel),
      model,
      abbr: dataset,
      hint: 'delete the file so OpenCompass re-infers it',
    }),
  );
  return undefined;
}

/** The num_split values whose NumWorker plan gives exactly the rows of the shards `_0, _1, …` on disk, as text; undefined if none. */
function otherNumSplit(observed: CheckFileReport[], size: number | undefined, experiment: Experiment): string | undefined {
  const rows: number[] = [];
  for (const [i, f] of observed.entries()) {
    if (f.shard !== i || f.rows === undefined) break;
    rows.push(f.rows);
  }
  if (!rows.length) return undefined;
  const total = size ?? rows.reduce((a, b) => a + b, 0);
  const ctx: StageContext = { stage: 'infer', setting: experiment.infer, sizes: [], issues: [] };
  const minTaskSize = experiment.infer.kind === 'NumWorkerPartitioner' ? numWorkerSettings(experiment.infer.args, ctx).minTaskSize : 16;
  const fits: number[] = [];
  // Beyond ceil(S / min_task_size) every num_split gives the same min_task_size shards.
  const last = Math.min(Math.ceil(total / minTaskSize) + 1, 4096);
  for (let n = 2; n <= last; n++) {
    const step = numWorkerStep(total, { numSplit: n, minTaskSize });
    if (step === undefined || Math.ceil(total / step) !== rows.length) continue;
    if (rows.every((r, i) => r === Math.min(step, total - i * step))) fits.push(n);
  }
  if (!fits.length) return undefined;
  const span = fits.length === 1 ? `${fits[0]}` : `any of ${fits[0]}–${fits[fits.length - 1]}`;
  return experiment.infer.assumed ? `--max-num-workers ${span} (NumWorkerPartitioner num_worker=${fits[0]})` : `num_split ${span}`;
}

function coverage(files: CheckFileReport[]): number {
  const expected = files.filter((f) => f.expectedRows !== undefined);
  const rows = expected.reduce((a, f) => a + f.expectedRows!, 0);
  const ok = expected.filter((f) => f.status === 'present');
  if (rows > 0) return ok.reduce((a, f) => a + f.expectedRows!, 0) / rows;
  return expected.length ? ok.length / expected.length : 1;
}

/** Datasets whose abbr reads as `<other abbr>_<i>`; an error when the other dataset is planned with that shard. */
function abbrCollisions(experiment: Experiment, plan: Plan): Issue[] {
  const abbrs = new Set(experiment.datasets.map((d) => d.abbr));
  const planned = new Set(
    [...(plan.stages.infer?.files ?? []), ...(plan.stages.eval?.files ?? [])].filter((f) => f.shard !== null).map((f) => f.abbr),
  );
  return experiment.datasets.flatMap((d) => {
    const m = /^(.*)_(\d+)$/.exec(d.abbr);
    if (!m || !abbrs.has(m[1]!)) return [];
    const clash = planned.has(d.abbr);
    return [
      issue(
        'SW_ABBR_SHARD_COLLISION',
        `dataset '${d.abbr}' has the name of shard ${m[2]} of dataset '${m[1]}'${clash ? ', which the plan splits: both write the same file' : ''}`,
        {
          abbr: d.abbr,
          ...(clash ? { severity: 'error' as const } : {}),
          hint: `rename one of them (abbr='${d.abbr}-part' or similar)`,
        },
      ),
    ];
  });
}

function pairStages(
  experiment: Experiment,
  plan: Plan,
  disk: DiskView,
  rules: RuleTable,
  options: CheckOptions,
  issues: Issue[],
): CheckPairing {
  const inferFiles = plan.stages.infer?.files ?? [];
  const evalShards = (plan.stages.eval?.files ?? []).filter((f) => f.shard !== null);
  const evalSplitPairs = [...new Set(evalShards.map((f) => `${f.model}\u0000${f.dataset}`))].map(
    (k) => k.split('\u0000') as [string, string],
  );
  let mismatch = false;
  let invalid = false;
  // One table lookup per dataset, whatever the number of models.
  const byDataset = new Map<DatasetEntry, EvaluatorVerdict>();
  const verdicts = (ds: DatasetEntry) =>
    byDataset.get(ds) ?? byDataset.set(ds, evaluatorVerdict(rules, evaluatorInfoOf(ds.config, ds.evaluatorType))).get(ds)!;
  for (const [model, dataset] of evalSplitPairs) {
    const shape = (files: PlannedFile[]) => files.map((f) => `${f.abbr}:${f.start}-${f.end}`).join(',');
    const inferShape = shape(stageFilesOf(plan.stages.infer, model, dataset));
    const evalShape = shape(evalShardsOf(plan, model, dataset));
    const where = { model, abbr: dataset };
    if (inferShape !== evalShape) {
      mismatch = true;
      issues.push(
        issue(
          'SW_PAIR_SPLIT_MISMATCH',
          `eval splits '${dataset}' as ${evalShape} but infer writes ${inferShape}: eval shards would read missing or other rows`,
          {
            ...where,
            hint: 'use the same partitioner arguments for infer and eval, or (better) NaivePartitioner for eval',
          },
        ),
      );
    }
    const ds = experiment.datasets.find((d) => d.abbr === dataset);
    if (ds && ds.n > 1) {
      invalid = true;
      issues.push(
        issue(
          'SW_EVAL_SPLIT_REPEATED',
          `'${dataset}' has n=${ds.n}: shards cut across replicas, so per-shard eval asserts or writes a wrong number`,
          { ...where, hint: 'evaluate it unsplit (NaivePartitioner for eval)' },
        ),
      );
    }
    const verdict = ds && ds.n <= 1 ? splitEvalVerdict(ds, verdicts(ds), where) : undefined;
    if (verdict) {
      invalid ||= verdict.code === 'SW_EVAL_SPLIT_INVALID_EVALUATOR';
      issues.push(verdict);
    }
  }
  const evalSplit = evalSplitPairs.length > 0;
  // A pair with an unsplit result (a merge, or any other) is read from it: OpenCompass skips it (docs/opencompass.md §4.2).
  const shardOnly = evalSplitPairs.filter(([model, dataset]) => !disk.names('eval', model).has(`${dataset}.json`));
  const ownReading = summarizerReadsShards(experiment);
  const upstream = evalSplit && !ownReading && summarizerIsDefault(experiment) ? options.upstream : undefined;
  const upstreamMerges = upstream?.verdict === 'merges' ? upstream : undefined;
  if (upstreamMerges) issues.push(upstreamMergeIssue(upstreamMerges, evalSplitPairs, experiment, disk, rules));
  if (upstream?.verdict === 'mixed') {
    issues.push(
      issue(
        'SW_EVAL_SPLIT_UPSTREAM_UNKNOWN',
        `${upstream.withMeta.length} split pair(s) have result shards with _opencompass_meta (written by an OpenCompass with PR #2451) and ${upstream.withoutMeta.length} without (e.g. ${upstream.withoutMeta[0]}): the result files do not tell whether the summarizer that will run merges shards itself; shardwise assumes it does not`,
        {
          file: upstream.withMeta[0],
          hint: "pass --oc-root <dir> (or set opencompass.root in shardwise.toml) so shardwise reads the installed OpenCompass's summarizer; or merge with 'shardwise merge <run-dir> --write'",
        },
      ),
    );
  }
  const reads = ownReading || upstreamMerges !== undefined;
  const unreadable = shardOnly.length > 0 && !reads;
  if (unreadable) {
    const which =
      shardOnly.length === evalSplitPairs.length
        ? `${evalSplitPairs.length} model × dataset pairs`
        : `${shardOnly.length} of ${evalSplitPairs.length} split model × dataset pairs have no results/<m>/<abbr>.json yet`;
    issues.push(
      issue(
        'SW_EVAL_SPLIT_UNREADABLE',
        `eval is split (${which}) and ${summarizerType(experiment)} reads only results/<m>/<abbr>.json: every such cell of the summary will be '-'`,
        {
          hint: "run 'shardwise merge <run-dir> --write' (exact merges into results/<m>/<abbr>.json), or 'shardwise gen' (NumWorkerSummarizer) then -m viz -r <ts>; or set eval = dict(partitioner=dict(type=NaivePartitioner)) and re-run -m eval -r <ts>",
        },
      ),
    );
  }
  const verdict: CheckPairing['verdict'] = mismatch
    ? 'split-mismatch'
    : invalid
      ? 'eval-split-invalid'
      : unreadable
        ? 'eval-split-unreadable'
        : 'ok';
  const okMessage = !evalSplit
    ? 'eval is unsplit: it reads the infer shards (or the unsplit predictions) and writes one result per dataset'
    : reads
      ? 'eval is split identically to infer and the summarizer reads shards'
      : 'eval is split and every split dataset has its unsplit result (a merge), which the summarizer reads';
  const message = {
    ok: okMessage,
    'split-mismatch': 'eval is split differently from infer: eval shards would read other rows; use NaivePartitioner for eval',
    'eval-split-invalid': 'eval is split for datasets whose evaluation is invalid per shard; evaluate them with NaivePartitioner',
    'eval-split-unreadable':
      "eval is split but the summarizer cannot read shard results (every cell '-'); use NaivePartitioner for eval, or merge / generate a NumWorkerSummarizer",
  }[verdict];
  return {
    inferSplit: inferFiles.some((f) => f.shard !== null),
    evalSplit,
    sameSplit: !mismatch,
    summarizerReadsShards: reads,
    summarizer: summarizerType(experiment),
    verdict,
    message,
  };
}

/**
 * Which merge applies when PR #2451's DefaultSummarizer reads the shards: every numeric metric becomes the mean of
 * the shards weighted by sample count, in alphabetical key order. Names the split pairs it gets wrong; a pair whose
 * unsplit result exists is read as is (the PR prefers it), e.g. after `shardwise merge --write`.
 */
function upstreamMergeIssue(
  upstream: Extract<UpstreamSplitMerge, { verdict: 'merges' }>,
  pairs: [string, string][],
  experiment: Experiment,
  disk: DiskView,
  rules: RuleTable,
): Issue {
  const who =
    upstream.basis === 'source'
      ? `the installed OpenCompass merges result shards itself (PR #2451: its summarizer ${upstream.seenIn} calls _load_split_results)`
      : `the summarizer is assumed to merge result shards itself (PR #2451): the first result shard of every split pair carries _opencompass_meta, e.g. ${upstream.seenIn}; pass --oc-root <dir> to decide from the installed OpenCompass's code`;
  const semantics = `eval is split and ${who}: each numeric metric becomes the mean of the shards weighted by _opencompass_meta.num_samples (else len(details)), keys in alphabetical order`;
  const fix =
    "run 'shardwise merge <run-dir> --write' before -m viz: the summarizer then reads the exact merged results/<m>/<abbr>.json instead of the shards";
  const wrong = pairs.flatMap(([model, dataset]) => {
    const ds = experiment.datasets.find((d) => d.abbr === dataset);
    const why =
      ds && !disk.names('eval', model).has(`${dataset}.json`)
        ? weightedMeanMisfit(rules, evaluatorInfoOf(ds.config, ds.evaluatorType))
        : undefined;
    return why ? [`${model}/${dataset} (${why})`] : [];
  });
  if (!wrong.length) {
    return issue('SW_EVAL_SPLIT_UPSTREAM_MERGE', `${semantics}; every split dataset's metrics are sample means, so that merge is exact`, {
      file: upstream.seenIn,
      severity: 'info',
    });
  }
  return issue('SW_EVAL_SPLIT_UPSTREAM_MERGE', `${semantics}; that is wrong for ${wrong.length} pair(s): ${wrong.join('; ')}`, {
    file: upstream.seenIn,
    hint: fix,
  });
}

/**
 * What the merge-rule table says of a split evaluation, before any result exists: an error when per-shard evaluation
 * is itself invalid, a warning when the merge will refuse every metric (an evaluator the table does not know) or
 * some (rule R keys), nothing when every listed key merges.
 */
function splitEvalVerdict(ds: DatasetEntry, verdict: EvaluatorVerdict, where: { model: string; abbr: string }): Issue | undefined {
  const unsplit = 'evaluate it unsplit (NaivePartitioner for eval)';
  if (verdict.refused && verdict.refused.origin !== 'unknown-evaluator')
    return issue(
      'SW_EVAL_SPLIT_INVALID_EVALUATOR',
      `'${ds.abbr}' uses ${ds.evaluatorType}, which is invalid per shard: ${verdict.refused.reason}`,
      { ...where, hint: unsplit },
    );
  const reeval = `${unsplit}, or re-evaluate the merged predictions ('shardwise merge' prints the command)`;
  if (verdict.refused)
    return issue('SW_EVAL_SPLIT_KEYS_REFUSED', `'${ds.abbr}': merge refuses every metric: ${verdict.refused.reason}`, {
      ...where,
      hint: `${reeval}; or add rules for it under [merge] rules in shardwise.toml`,
    });
  const refused = verdict.keys.filter((k) => k.verdict === 'refused');
  if (!refused.length) return undefined;
  const merged = verdict.keys.filter((k) => k.verdict !== 'refused').map((k) => k.key);
  return issue(
    'SW_EVAL_SPLIT_KEYS_REFUSED',
    `'${ds.abbr}' uses ${ds.evaluatorType}: merge refuses ${refused.map((k) => `${k.key} (${k.reason ?? 'rule R'})`).join('; ')}${merged.length ? `; it merges ${merged.join(', ')}` : ''}`,
    { ...where, hint: reeval },
  );
}

/** A merge of shardwise's whose shards changed since is an error: the summary (or an eval) would read old data. */
function staleMerges(states: ReadonlyMap<string, MergeState> | undefined): Issue[] {
  return [...(states?.values() ?? [])]
    .filter((s) => s.state === 'stale')
    .map((s) => issue('SW_MERGE_STALE', staleMessage(s), { file: s.result, model: s.model, abbr: s.dataset, hint: STALE_FIX }));
}

function stageSummary(setting: Experiment['infer'], stage: StagePlan | undefined): CheckStageSummary {
  const d = digest(stage);
  return {
    partitioner: { type: stage?.partitioner.type ?? setting.type, args: stage?.partitioner.args ?? {} },
    assumed: setting.assumed,
    tasks: d.tasks,
    files: d.files,
    splitDatasets: d.splitDatasets,
  };
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}\u0000${i.file ?? ''}\u0000${i.model ?? ''}\u0000${i.abbr ?? ''}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
