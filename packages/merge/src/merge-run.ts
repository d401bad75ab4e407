import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issue, PyDict, RunTree, writeFileAtomic, ShardwiseError, type Issue, type MergeSidecar, type Plan, type PlannedFile } from '@shardwise/core';
import { evalShardsOf, PredictionCounts, stageFilesOf, type Experiment } from '@shardwise/plan';
import { evaluatorInfo, mergeDataset, type MergeOutcome } from './merge-dataset.js';
import { mergeRulesPath, type RuleTable } from './merge-rules.js';
import { materialized, parsePyJson, stringifyPyJson, type ParseOptions } from './py-json.js';
import { planReevaluation, type Reevaluation } from './reevaluation.js';
import type { ShardInput } from './shard-input.js';

/** A file `merge --write` would write, and how it compares with what is on disk. */
export interface PlannedWrite {
  /** Run-relative path. */
  path: string;
  kind: 'result' | 'sidecar' | 'predictions';
  /** Built on first read (a dry run of a new file never builds it). */
  readonly text: string;
  /** new: absent; identical: same bytes on disk (nothing to do); differs: another file is there. */
  state: 'new' | 'identical' | 'differs';
}

export interface RunMergeOutcome extends MergeOutcome {
  /** Files to write: merged result + sidecar, or merged predictions for a refusal. */
  writes: PlannedWrite[];
  /** For refusals that re-evaluation resolves: the merged predictions and the exact command. */
  reevaluation?: Reevaluation;
  /** Run-relative path of the unsplit result that would (or does) hold the merge. */
  target: string;
}

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** A parsed run-dir file: its value (a dict), its text, and the issues reading it gave. */
interface ReadFile {
  value?: PyDict;
  text?: string;
  issues: Issue[];
}

/** Only what a merge reads of a result without building it: `details` (counted, built when written). */
const DEFER_DETAILS = (key: string) => key === 'details';

/** Reads a Python-written JSON object of the run dir; a missing file gives no value and no issue. */
function readPyJsonFile(tree: RunTree, rel: string, options: ParseOptions): ReadFile {
  const { text, issue: problem } = tree.read(rel);
  const issues = problem ? [problem] : [];
  if (text === undefined) return { issues };
  const parsed = parsePyJson(text, rel, options);
  issues.push(...parsed.issues);
  if (parsed.value === undefined) return { text, issues };
  if (!(parsed.value instanceof PyDict)) {
    issues.push(issue('SW_JSON_SYNTAX', `${rel} holds a JSON ${Array.isArray(parsed.value) ? 'list' : 'value'}, not an object`, { file: rel }));
    return { text, issues };
  }
  return { value: parsed.value, text, issues };
}

/** A prediction file: counted (its records checked, not built); `records` builds them for a weight or a re-evaluation. */
interface PredictionFile {
  rows?: number;
  records: () => PyDict | undefined;
  issues: Issue[];
}

function readPredictionFile(counts: PredictionCounts, rel: string): PredictionFile {
  const counted = counts.count(rel);
  if ('missing' in counted) return { records: () => undefined, issues: [] };
  if ('issue' in counted) return { records: () => undefined, issues: [counted.issue] };
  if (!counted.ok) {
    // Keys other than "0".."N-1" or a broken structure: the exact parser counts what Python would and says where it fails.
    const { value, text, issues } = readPyJsonFile(counts.tree, rel, { skipValues: true });
    let records: PyDict | undefined;
    return { ...(value ? { rows: value.size } : {}), records: value ? () => (records ??= parsePyJson(text!, rel).value as PyDict) : () => undefined, issues };
  }
  // Counted without keeping the text (the sizes step and check share the count); the rare merge that needs
  // the records themselves (a weight from a record field, a re-evaluation) reads the file again.
  let records: PyDict | undefined;
  return { rows: counted.rows, records: () => (records ??= readPyJsonFile(counts.tree, rel, {}).value), issues: [] };
}

/**
 * A shard as read, its prediction records built on first use. The getter is the prototype's: an accessor
 * defined per object gives each shard a hidden class of its own, in old space, holding the shard's texts
 * alive through every scavenge until a full GC (merge promoted 302 MB instead of 70 MB on the 20×250×8 bench run).
 */
class ReadShard implements ShardInput {
  readonly file: string;
  readonly predictionRows: number | undefined;
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
  runDir: string, experiment: Experiment, plan: Plan, rules: RuleTable, counts = new PredictionCounts(new RunTree(runDir)),
): Generator<RunMergeOutcome> {
  counts.tree.readAhead(readOrder(experiment, plan, counts));
  try {
    yield* mergeInOrder(runDir, experiment, plan, rules, counts);
  } finally {
    counts.tree.closeReadAhead();
  }
}

/** Every shard result and prediction file `mergeInOrder` reads, in its order (a file already counted is not read again). */
function readOrder(experiment: Experiment, plan: Plan, counts: PredictionCounts): string[] {
  const order: string[] = [];
  for (const model of experiment.models) {
    for (const dataset of experiment.datasets) {
      for (const p of evalShardsOf(plan, model.abbr, dataset.abbr)) {
        order.push(p.path);
        const preds = `predictions/${model.abbr}/${p.abbr}.json`;
        if (!counts.has(preds)) order.push(preds);
      }
    }
  }
  return order;
}

function* mergeInOrder(runDir: string, experiment: Experiment, plan: Plan, rules: RuleTable, counts: PredictionCounts): Generator<RunMergeOutcome> {
  const rulesSha = sha256(readFileSync(mergeRulesPath()));
  const abbrs = new Set(experiment.datasets.map((d) => d.abbr));
  const tree = counts.tree;
  for (const model of experiment.models) {
    // The results folder's `<abbr>_<j>.json` names grouped by abbr once (scanning every name per dataset is quadratic).
    const names = resultsListing(tree.names(`results/${model.abbr}`));
    for (const dataset of experiment.datasets) {
      const planned = evalShardsOf(plan, model.abbr, dataset.abbr);
      if (!planned.length) continue;
      const readIssues: Issue[] = [];
      // Each file is read once: a shard's text feeds the sidecar's sha256, a prediction file read for the
      // row check is reused by a re-evaluation.
      const predictionFiles = new Map<string, PredictionFile>();
      const readPredictions = (rel: string): PredictionFile => {
        let read = predictionFiles.get(rel);
        if (!read) predictionFiles.set(rel, (read = readPredictionFile(counts, rel)));
        return read;
      };
      const shardTexts: (string | undefined)[] = [];
      const shards: ShardInput[] = planned.map((p) => {
        const { value: result, text, issues } = readPyJsonFile(tree, p.path, { defer: DEFER_DETAILS });
        shardTexts.push(text);
        const preds = readPredictions(`predictions/${model.abbr}/${p.abbr}.json`);
        readIssues.push(...issues, ...preds.issues);
        return new ReadShard(p, result, preds);
      });
      const extra = extraShardFiles(names, model.abbr, dataset.abbr, planned.length, abbrs);
      const outcome = mergeDataset({ model: model.abbr, dataset, shards, rules, extraShardFiles: extra });
      const target = `results/${model.abbr}/${dataset.abbr}.json`;
      const run: RunMergeOutcome = { ...outcome, issues: [...readIssues, ...outcome.issues], writes: [], target };
      if (outcome.status === 'merged') {
        const result = outcome.result!;
        const text = once(() => stringifyPyJson(result));
        const sidecar = once(() => JSON.stringify(sidecarOf(outcome, shards, shardTexts, target, text(), rulesSha, rules.version, evaluatorInfo(dataset)), null, 2) + '\n');
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
        if (merged && re.predictionsPath) run.writes.push(planWrite(runDir, re.predictionsPath, 'predictions', once(() => stringifyPyJson(merged)), true));
      }
      yield run;
    }
  }
}

/** Every outcome of `mergeRunEach` at once, with merged details built: for callers that need them all together. */
export function mergeRun(runDir: string, experiment: Experiment, plan: Plan, rules: RuleTable, counts?: PredictionCounts): RunMergeOutcome[] {
  return [...mergeRunEach(runDir, experiment, plan, rules, counts)].map((o) => (o.result ? { ...o, result: materialized(o.result) } : o));
}

export const sidecarPath = (resultPath: string): string => resultPath.replace(/\.json$/, '.shardwise.json');

const once = (make: () => string): (() => string) => {
  let text: string | undefined;
  return () => (text ??= make());
};

/**
 * `mayExist` false: the folder listing has no such name, so the file is new without reading anything.
 * A class, so `text` is the prototype's getter: an object literal's getter gives every object a hidden class
 * of its own, in old space, keeping the merged result and its shard texts alive through every scavenge
 * (merge promoted 430 MB instead of 70 MB on the 20×250×8 bench run).
 */
function planWrite(runDir: string, path: string, kind: PlannedWrite['kind'], text: () => string, mayExist: boolean): PlannedWrite {
  const abs = join(runDir, path);
  const state = !mayExist || !existsSync(abs) ? 'new' : readFileSync(abs, 'utf8') === text() ? 'identical' : 'differs';
  return new LazyWrite(path, kind, state, text);
}

class LazyWrite implements PlannedWrite {
  constructor(
    readonly path: string,
    readonly kind: PlannedWrite['kind'],
    readonly state: PlannedWrite['state'],
    private readonly make: () => string,
  ) {}

  get text(): string {
    return this.make();
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
 * abbr (`math_prm800k_500`) is not a shard (opencompass.md §1.5).
 */
function extraShardFiles(listing: ResultsListing, model: string, abbr: string, planned: number, abbrs: Set<string>): string[] {
  return (listing.shardFiles.get(abbr) ?? [])
    .filter(({ index }) => Number(index) >= planned && String(Number(index)) === index && !abbrs.has(`${abbr}_${index}`))
    .map(({ name }) => name)
    .sort()
    .map((f) => `results/${model}/${f}`);
}

function sidecarOf(o: MergeOutcome, shards: ShardInput[], shardTexts: (string | undefined)[], target: string, text: string, rulesSha: string, version: number, ev: ReturnType<typeof evaluatorInfo>): MergeSidecar {
  return {
    tool: { name: 'shardwise', rulesVersion: version, rulesSha256: rulesSha },
    model: o.model,
    dataset: o.dataset,
    evaluator: ev.type ?? null,
    ...(ev.postprocessor ? { postprocessor: ev.postprocessor } : {}),
    result: { path: target, sha256: sha256(text) },
    shards: shards.map((s, i) => {
      // A merged outcome had every shard read as UTF-8, so its text encodes back to the file's bytes.
      const bytes = Buffer.from(shardTexts[i]!, 'utf8');
      const r = o.rows[i]!;
      return { shard: r.shard, abbr: s.planned.abbr, path: s.file, sha256: sha256(bytes), bytes: bytes.length, rows: r.rows, rowSource: r.source, checks: r.checks };
    }),
    keys: o.keys.filter((k) => o.result!.has(k.key)),
  };
}

/**
 * Writes what `mergeRun` planned, atomically. Identical files are left untouched (a second run changes
 * nothing); a different existing file is replaced only with `force`, else SW_MERGE_UNSPLIT_EXISTS.
 * Shard inputs are never written.
 */
export function writeMerge(runDir: string, outcomes: Iterable<RunMergeOutcome>, options: { force?: boolean } = {}): { written: string[]; issues: Issue[] } {
  const written: string[] = [];
  const issues: Issue[] = [];
  for (const o of outcomes) {
    const blocked = o.writes.filter((w) => w.state === 'differs' && !options.force);
    for (const w of blocked)
      issues.push(issue('SW_MERGE_UNSPLIT_EXISTS', `${w.path} exists and differs from the merge`, {
        file: w.path, model: o.model, abbr: o.dataset, hint: 'pass --force to replace it (the shard results stay untouched)',
      }));
    if (blocked.length) continue;
    for (const w of o.writes.filter((x) => x.state !== 'identical')) {
      try {
        writeFileAtomic(join(runDir, w.path), w.text, { force: w.state === 'differs' });
        written.push(w.path);
      } catch (e) {
        if (!(e instanceof ShardwiseError)) throw e;
        issues.push(...e.issues);
      }
    }
  }
  return { written, issues };
}
