import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  issue,
  mergeRulesPath,
  ownMerge,
  PyDict,
  RunTree,
  writeFileAtomic,
  ShardwiseError,
  type Issue,
  type RuleTable,
  type MergeSidecar,
  type MergeState,
  type Plan,
  type PlannedFile,
} from '@shardwise/core';
import { evalShardsOf, outputFolder, outputPath, PredictionCounts, stageFilesOf, type Experiment } from '@shardwise/plan';
import { evaluatorInfo, mergeDataset, type MergeOutcome } from './merge-dataset.js';
import { hashesShards, mergeStateOf, replaceRefusal, sha256, sidecarPath } from './merge-state.js';
import { materialized, parsePyJson, stringifyPyJson } from './py-json.js';
import { readResultObject, readResultTop, type ResultTopRead } from './result-file.js';
import { planReevaluation, type Reevaluation } from './reevaluation.js';
import type { ShardInput } from './shard-input.js';

/** A file `merge --write` would write, and how it compares with what is on disk. */
export interface PlannedWrite {
  /** Run-relative path. */
  path: string;
  kind: 'result' | 'sidecar' | 'predictions';
  /** Built on first read (a dry run of a new file never builds it). */
  readonly text: string;
  /** new: absent; identical: same bytes on disk (nothing to do); differs: another file is there. Compared when first read. */
  readonly state: 'new' | 'identical' | 'differs';
}

export interface RunMergeOutcome extends MergeOutcome {
  /** Files to write: merged result + sidecar, or merged predictions for a refusal. */
  writes: PlannedWrite[];
  /** For refusals that re-evaluation resolves: the merged predictions and the exact command. */
  reevaluation?: Reevaluation;
  /** Run-relative path of the unsplit result that would (or does) hold the merge. */
  target: string;
  /** What the unsplit result on disk is (merge-state.ts): a merge of shardwise's, current or stale, or another file. */
  mergeState: MergeState;
  /**
   * Set when an unsplit result shardwise did not write (or that was edited since) is there and the shards cannot be
   * merged: OpenCompass reads that file and skips the dataset (docs/opencompass.md §4.2), so nothing is refused or
   * re-evaluated; the refusal is kept only as data, its issues are dropped.
   */
  present?: string;
  /** The state of the merged predictions a re-evaluation needs, when the merge plans them. */
  predictionsState?: MergeState;
}

/** A prediction file: counted (its records checked, not built); `records` builds them for a weight or a re-evaluation. */
interface PredictionFile {
  /** null: not counted, on purpose (no cross-check). */
  rows?: number | null;
  records: () => PyDict | undefined;
  issues: Issue[];
}

/** A prediction file not counted, nor to be (no row cross-check): its records are still read if a weight asks. */
function uncountedPredictionFile(tree: RunTree, rel: string): PredictionFile {
  let records: PyDict | undefined;
  return { rows: null, records: () => (records ??= readResultObject(tree, rel, {}).value), issues: [] };
}

function readPredictionFile(counts: PredictionCounts, rel: string): PredictionFile {
  const counted = counts.count(rel);
  if ('missing' in counted) return { records: () => undefined, issues: [] };
  if ('issue' in counted) return { records: () => undefined, issues: [counted.issue] };
  if (!counted.ok) {
    // Keys other than "0".."N-1" or a broken structure: the exact parser counts what Python would and says where it fails.
    const { value, text, issues } = readResultObject(counts.tree, rel, { skipValues: true });
    let records: PyDict | undefined;
    return {
      ...(value ? { rows: value.size } : {}),
      records: value ? () => (records ??= parsePyJson(text!, rel).value as PyDict) : () => undefined,
      issues,
    };
  }
  // Counted without keeping the text (the sizes step and check share the count); the rare merge that needs
  // the records themselves (a weight from a record field, a re-evaluation) reads the file again.
  let records: PyDict | undefined;
  return { rows: counted.rows, records: () => (records ??= readResultObject(counts.tree, rel, {}).value), issues: [] };
}

/**
 * A shard as read, its prediction records built on first use. The getter is the prototype's: an accessor
 * defined per object gives each shard a hidden class of its own, in old space, holding the shard's texts
 * alive through every scavenge until a full GC (merge promoted 302 MB instead of 70 MB on the 20×250×8 bench run).
 */
class ReadShard implements ShardInput {
  readonly file: string;
  readonly predictionRows: number | null | undefined;
  constructor(
    readonly planned: PlannedFile,
    readonly result: PyDict | undefined,
    private readonly preds: PredictionFile,
  ) {
    this.file = planned.path;
    this.predictionRows = preds.rows;
  }

  get predictions(): PyDict | undefined {
    return this.preds.records();
  }
}

/**
 * Merges every split model × dataset of the run (the plan's eval shards decide which and how many),
 * one at a time in plan order: each outcome is handed over before the next dataset's shards are read,
 * so a caller that drops it holds one dataset at a time. Reads only; `writeMerge` performs the writes.
 * Merged `details` stay DeferredValues (built when a write's text is asked for), and a write's text is
 * built only when it is compared with a file on disk or written.
 */
export function* mergeRunEach(
  runDir: string,
  experiment: Experiment,
  plan: Plan,
  rules: RuleTable,
  counts = new PredictionCounts(new RunTree(runDir)),
  options: MergeReadOptions = {},
): Generator<RunMergeOutcome> {
  const crossCheck = options.crossCheckPredictions ?? true;
  counts.tree.readAhead(readOrder(experiment, plan, counts, crossCheck));
  try {
    yield* mergeInOrder(runDir, experiment, plan, rules, counts, crossCheck);
  } finally {
    counts.tree.closeReadAhead();
  }
}

export interface MergeReadOptions {
  /**
   * Count every model's shard prediction files to cross-check each shard's rows (docs/metrics.md §2); default true.
   * False counts none beyond those the sizes step counted (a dataset's shard sizes are the same for every model):
   * for a summary, which needs only the merged metrics; `check` and `merge` cross-check every model.
   */
  crossCheckPredictions?: boolean;
}

/** Every shard result and prediction file `mergeInOrder` reads, in its order (a file already counted is not read again). */
function readOrder(experiment: Experiment, plan: Plan, counts: PredictionCounts, crossCheck: boolean): string[] {
  const order: string[] = [];
  for (const model of experiment.models) {
    for (const dataset of experiment.datasets) {
      for (const p of evalShardsOf(plan, model.abbr, dataset.abbr)) {
        order.push(p.path);
        const preds = outputPath('infer', model.abbr, p.abbr);
        if (crossCheck && !counts.has(preds)) order.push(preds);
      }
    }
  }
  return order;
}

function* mergeInOrder(
  runDir: string,
  experiment: Experiment,
  plan: Plan,
  rules: RuleTable,
  counts: PredictionCounts,
  crossCheck: boolean,
): Generator<RunMergeOutcome> {
  const rulesSha = sha256(readFileSync(mergeRulesPath()));
  const abbrs = new Set(experiment.datasets.map((d) => d.abbr));
  const tree = counts.tree;
  for (const model of experiment.models) {
    // The results folder's `<abbr>_<j>.json` names grouped by abbr once (scanning every name per dataset is quadratic).
    const names = resultsListing(tree.names(outputFolder('eval', model.abbr)));
    for (const dataset of experiment.datasets) {
      const planned = evalShardsOf(plan, model.abbr, dataset.abbr);
      if (!planned.length) continue;
      const readIssues: Issue[] = [];
      // Each file is read once (a shard again only when its details are built or its text hashed for a sidecar):
      // a prediction file read for the row check is reused by a re-evaluation.
      const predictionFiles = new Map<string, PredictionFile>();
      const readPredictions = (rel: string): PredictionFile => {
        let read = predictionFiles.get(rel);
        if (!read) predictionFiles.set(rel, (read = readPredictionFile(counts, rel)));
        return read;
      };
      const shardReads: ResultTopRead[] = [];
      // Hashed as read only when the stale check compares them with a sidecar of shardwise's.
      const hash = hashesShards(names.all, dataset.abbr);
      const shards: ShardInput[] = planned.map((p) => {
        const read = readResultTop(tree, p.path, { sha256: hash });
        shardReads.push(read);
        const { value: result, issues } = read;
        const predsRel = outputPath('infer', model.abbr, p.abbr);
        const preds = crossCheck || counts.has(predsRel) ? readPredictions(predsRel) : uncountedPredictionFile(tree, predsRel);
        readIssues.push(...issues, ...preds.issues);
        return new ReadShard(p, result, preds);
      });
      const extra = extraShardFiles(names, model.abbr, dataset.abbr, planned.length, abbrs);
      const outcome = mergeDataset({ model: model.abbr, dataset, shards, rules, extraShardFiles: extra });
      const target = outputPath('eval', model.abbr, dataset.abbr);
      const mergeState = mergeStateOf(
        tree,
        'results',
        model.abbr,
        dataset.abbr,
        planned.map((p) => p.path),
        hash ? new Map(planned.map((p, i) => [p.path, shardReads[i]!.sha256])) : undefined,
      );
      const run: RunMergeOutcome = { ...outcome, issues: [...readIssues, ...outcome.issues], writes: [], target, mergeState };
      const foreign = replaceRefusal(mergeState);
      if (outcome.status === 'refused' && foreign !== undefined) {
        run.present = `unsplit result present (${target}), OpenCompass skips this dataset`;
        run.issues = [];
      } else if (outcome.status === 'merged') {
        const result = outcome.result!;
        const text = once(() => stringifyPyJson(result));
        const sidecar = once(
          () =>
            JSON.stringify(
              sidecarOf(outcome, shards, shardReads, target, text(), rulesSha, rules.version, evaluatorInfo(dataset)),
              null,
              2,
            ) + '\n',
        );
        // A name missing from the folder listing is a new file: its text is not needed to say so.
        const listed = (path: string) => names.all.has(path.slice(path.lastIndexOf('/') + 1));
        run.writes.push(planWrite(runDir, target, 'result', text, listed(target)));
        run.writes.push(planWrite(runDir, sidecarPath(target), 'sidecar', sidecar, listed(sidecarPath(target))));
      } else if (outcome.refusal?.reevaluate) {
        const infer = stageFilesOf(plan.stages.infer, model.abbr, dataset.abbr).filter((f) => f.shard !== null);
        const re = planReevaluation(runDir, experiment, model.abbr, dataset.abbr, infer, (p) => {
          const read = readPredictions(p);
          run.issues.push(...read.issues);
          return read.records();
        });
        run.reevaluation = re;
        run.issues.push(...re.issues);
        const merged = re.predictions;
        const path = re.predictionsPath;
        if (merged && path) {
          // Its sidecar records the infer shards' hashes, so check knows the merged predictions as shardwise's own.
          run.predictionsState = mergeStateOf(
            tree,
            'predictions',
            model.abbr,
            dataset.abbr,
            infer.map((f) => f.path),
          );
          const text = once(() => stringifyPyJson(merged));
          const sidecar = once(
            () =>
              JSON.stringify(predictionsSidecarOf(tree, model.abbr, dataset, infer, path, text(), rulesSha, rules.version), null, 2) + '\n',
          );
          run.writes.push(planWrite(runDir, path, 'predictions', text, true));
          run.writes.push(planWrite(runDir, sidecarPath(path), 'sidecar', sidecar, true));
        }
      }
      yield run;
    }
  }
}

/** Every outcome of `mergeRunEach` at once, with merged details built: for callers that need them all together. */
export function mergeRun(
  runDir: string,
  experiment: Experiment,
  plan: Plan,
  rules: RuleTable,
  counts?: PredictionCounts,
): RunMergeOutcome[] {
  return [...mergeRunEach(runDir, experiment, plan, rules, counts)].map((o) => (o.result ? { ...o, result: materialized(o.result) } : o));
}

const once = (make: () => string): (() => string) => {
  let text: string | undefined;
  return () => (text ??= make());
};

/**
 * `mayExist` false: the folder listing has no such name, so the file is new without reading anything.
 * A class, so `text` and `state` are the prototype's getters: an object literal's getter gives every object a hidden
 * class of its own, in old space, keeping the merged result and its shard texts alive through every scavenge
 * (merge promoted 430 MB instead of 70 MB on the 20×250×8 bench run).
 */
function planWrite(runDir: string, path: string, kind: PlannedWrite['kind'], text: () => string, mayExist: boolean): PlannedWrite {
  return new LazyWrite(runDir, path, kind, mayExist, text);
}

class LazyWrite implements PlannedWrite {
  #state: PlannedWrite['state'] | undefined;
  constructor(
    private readonly runDir: string,
    readonly path: string,
    readonly kind: PlannedWrite['kind'],
    private readonly mayExist: boolean,
    private readonly make: () => string,
  ) {}

  get text(): string {
    return this.make();
  }

  /**
   * Compared with the file on disk when first asked, not when planned: a summary never asks (on a merged run, building
   * every merged text to compare it was most of what a summary cost).
   */
  get state(): PlannedWrite['state'] {
    if (this.#state === undefined) {
      const abs = join(this.runDir, this.path);
      this.#state = !this.mayExist || !existsSync(abs) ? 'new' : readFileSync(abs, 'utf8') === this.text ? 'identical' : 'differs';
    }
    return this.#state;
  }
}

interface ResultsListing {
  all: Set<string>;
  /** Names `<abbr>_<j>.json` (j digits) by abbr, with j as written. */
  shardFiles: Map<string, { name: string; index: string }[]>;
}

const SHARD_FILE = /^(.+)_(\d+)\.json$/;

function resultsListing(names: Set<string>): ResultsListing {
  const shardFiles = new Map<string, { name: string; index: string }[]>();
  for (const name of names) {
    const m = SHARD_FILE.exec(name);
    if (!m) continue;
    let group = shardFiles.get(m[1]!);
    if (!group) shardFiles.set(m[1]!, (group = []));
    group.push({ name, index: m[2]! });
  }
  return { all: names, shardFiles };
}

/**
 * Result files `<abbr>_<j>.json` with j beyond the plan. A name that is itself a config dataset's
 * abbr (`math_prm800k_500`) is not a shard (docs/opencompass.md §1.5).
 */
function extraShardFiles(listing: ResultsListing, model: string, abbr: string, planned: number, abbrs: Set<string>): string[] {
  return (listing.shardFiles.get(abbr) ?? [])
    .filter(({ index }) => Number(index) >= planned && String(Number(index)) === index && !abbrs.has(`${abbr}_${index}`))
    .map(({ name }) => name)
    .sort()
    .map((f) => `${outputFolder('eval', model)}/${f}`);
}

function sidecarOf(
  o: MergeOutcome,
  shards: ShardInput[],
  shardReads: ResultTopRead[],
  target: string,
  text: string,
  rulesSha: string,
  version: number,
  ev: ReturnType<typeof evaluatorInfo>,
): MergeSidecar {
  return {
    tool: { name: 'shardwise', rulesVersion: version, rulesSha256: rulesSha },
    model: o.model,
    dataset: o.dataset,
    evaluator: ev.type ?? null,
    ...(ev.postprocessor ? { postprocessor: ev.postprocessor } : {}),
    result: { path: target, sha256: sha256(text) },
    shards: shards.map((s, i) => {
      // A merged outcome had every shard read as UTF-8, so its text encodes back to the file's bytes.
      const bytes = Buffer.from(shardReads[i]!.text()!, 'utf8');
      const r = o.rows[i]!;
      return {
        shard: r.shard,
        abbr: s.planned.abbr,
        path: s.file,
        sha256: sha256(bytes),
        bytes: bytes.length,
        rows: r.rows,
        rowSource: r.source,
        checks: r.checks,
      };
    }),
    keys: o.keys.filter((k) => o.result!.has(k.key)),
    ...(o.leftOut ? { leftOut: o.leftOut } : {}),
  };
}

/** The sidecar of merged predictions: the merge-sidecar schema with the infer shards as inputs and no metric keys. */
function predictionsSidecarOf(
  tree: RunTree,
  model: string,
  dataset: Experiment['datasets'][number],
  infer: PlannedFile[],
  path: string,
  text: string,
  rulesSha: string,
  version: number,
): MergeSidecar {
  const ev = evaluatorInfo(dataset);
  return {
    tool: { name: 'shardwise', rulesVersion: version, rulesSha256: rulesSha },
    model,
    dataset: dataset.abbr,
    evaluator: ev.type ?? null,
    ...(ev.postprocessor ? { postprocessor: ev.postprocessor } : {}),
    result: { path, sha256: sha256(text) },
    shards: infer.map((f) => {
      // Merged predictions exist only when every shard was read, so each one reads again here.
      const bytes = Buffer.from(tree.read(f.path).text ?? '', 'utf8');
      return {
        shard: f.shard!,
        abbr: f.abbr,
        path: f.path,
        sha256: sha256(bytes),
        bytes: bytes.length,
        rows: f.size,
        rowSource: 'plan' as const,
        checks: [],
      };
    }),
    keys: [],
  };
}

/**
 * Writes what `mergeRun` planned, atomically. Identical files are left untouched (a second run changes
 * nothing); a merge shardwise wrote and nobody edited since (current or stale) is replaced; any other
 * different file only with `force`, else SW_MERGE_UNSPLIT_EXISTS saying why. Shard inputs are never written.
 */
export function writeMerge(
  runDir: string,
  outcomes: Iterable<RunMergeOutcome>,
  options: { force?: boolean } = {},
): { written: string[]; issues: Issue[] } {
  const written: string[] = [];
  const issues: Issue[] = [];
  for (const o of outcomes) {
    try {
      writeOutcome(runDir, o, options, written, issues);
    } catch (e) {
      // A write that failed, or a shard that no longer reads as it did (result-file.ts): this outcome's later
      // writes are skipped, so a sidecar never records a merge that is not on disk.
      if (!(e instanceof ShardwiseError)) throw e;
      issues.push(...e.issues);
    }
  }
  return { written, issues };
}

function writeOutcome(runDir: string, o: RunMergeOutcome, options: { force?: boolean }, written: string[], issues: Issue[]): void {
  const blocked = options.force ? [] : o.writes.filter((w) => w.state === 'differs' && !replaceable(o, w));
  for (const w of blocked) {
    const state = stateOfWrite(o, w);
    const why = (state && replaceRefusal(state)) ?? `${w.path} exists and differs from the merge`;
    issues.push(
      issue('SW_MERGE_UNSPLIT_EXISTS', why, {
        file: w.path,
        model: o.model,
        abbr: o.dataset,
        hint: 'pass --force to replace it (the shard results stay untouched)',
      }),
    );
  }
  if (blocked.length) return;
  for (const w of o.writes.filter((x) => x.state !== 'identical')) {
    writeFileAtomic(join(runDir, w.path), w.text, { force: w.state === 'differs' });
    written.push(w.path);
  }
}

/**
 * A merged result and its sidecar replace a merge of shardwise's own (current, or stale after a shard changed) without
 * --force; a sidecar whose result is absent is a leftover of shardwise's too.
 */
export function replaceable(o: RunMergeOutcome, w: PlannedWrite): boolean {
  const state = stateOfWrite(o, w);
  return ownMerge(state) || (w.kind === 'sidecar' && state?.state === 'absent');
}

/** The merge state a planned write replaces: of the merged predictions, or of the merged result. */
function stateOfWrite(o: RunMergeOutcome, w: PlannedWrite): MergeState | undefined {
  return w.path.startsWith('predictions/') ? o.predictionsState : o.mergeState;
}
