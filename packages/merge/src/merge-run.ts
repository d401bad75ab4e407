import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issue, PyDict, readRunFile, writeFileAtomic, ShardwiseError, type Issue, type MergeSidecar, type Plan } from '@shardwise/core';
import { evalShardsOf, stageFilesOf, type Experiment } from '@shardwise/plan';
import { evaluatorInfo, mergeDataset, type MergeOutcome } from './merge-dataset.js';
import { mergeRulesPath, type RuleTable } from './merge-rules.js';
import { materialized, parsePyJson, stringifyPyJson } from './py-json.js';
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
/** A prediction file is counted; its records are built only for a weight or a re-evaluation that reads them. */
const DEFER_ALL = () => true;

/** Reads a Python-written JSON object of the run dir; a missing file gives no value and no issue. */
function readPyJsonFile(runDir: string, rel: string, defer: (key: string) => boolean): ReadFile {
  const { text, issue: problem } = readRunFile(runDir, join(runDir, rel), rel);
  const issues = problem ? [problem] : [];
  if (text === undefined) return { issues };
  const parsed = parsePyJson(text, rel, { defer });
  issues.push(...parsed.issues);
  if (parsed.value === undefined) return { text, issues };
  if (!(parsed.value instanceof PyDict)) {
    issues.push(issue('SW_JSON_SYNTAX', `${rel} holds a JSON ${Array.isArray(parsed.value) ? 'list' : 'value'}, not an object`, { file: rel }));
    return { text, issues };
  }
  return { value: parsed.value, text, issues };
}

/**
 * Merges every split model × dataset of the run (the plan's eval shards decide which and how many),
 * one at a time in plan order: each outcome is handed over before the next dataset's shards are read,
 * so a caller that drops it holds one dataset at a time. Reads only; `writeMerge` performs the writes.
 * Merged `details` stay DeferredValues (built when a write's text is asked for), and a write's text is
 * built only when it is compared with a file on disk or written.
 */
export function* mergeRunEach(runDir: string, experiment: Experiment, plan: Plan, rules: RuleTable): Generator<RunMergeOutcome> {
  const rulesSha = sha256(readFileSync(mergeRulesPath()));
  const abbrs = new Set(experiment.datasets.map((d) => d.abbr));
  // One listing per results folder, not one per dataset (a readdir per pair is quadratic in the datasets).
  const listings = new Map<string, Set<string>>();
  const listing = (dir: string): Set<string> => {
    let names = listings.get(dir);
    if (!names) listings.set(dir, (names = new Set(existsSync(dir) ? readdirSync(dir) : [])));
    return names;
  };
  for (const model of experiment.models) {
    const resultsDir = join(runDir, 'results', model.abbr);
    for (const dataset of experiment.datasets) {
      const planned = evalShardsOf(plan, model.abbr, dataset.abbr);
      if (!planned.length) continue;
      const readIssues: Issue[] = [];
      // Each file is read once: a shard's text feeds the sidecar's sha256, a prediction file read for the
      // row check is reused by a re-evaluation.
      const predictionFiles = new Map<string, ReadFile>();
      const readPredictions = (rel: string): ReadFile => {
        let read = predictionFiles.get(rel);
        if (!read) predictionFiles.set(rel, (read = readPyJsonFile(runDir, rel, DEFER_ALL)));
        return read;
      };
      const shardTexts: (string | undefined)[] = [];
      const shards: ShardInput[] = planned.map((p) => {
        const { value: result, text, issues } = readPyJsonFile(runDir, p.path, DEFER_DETAILS);
        shardTexts.push(text);
        const preds = readPredictions(`predictions/${model.abbr}/${p.abbr}.json`);
        readIssues.push(...issues, ...preds.issues);
        return { planned: p, file: p.path, ...(result ? { result } : {}), ...(preds.value ? { predictions: preds.value } : {}) };
      });
      const names = listing(resultsDir);
      const extra = extraShardFiles(names, model.abbr, dataset.abbr, planned.length, abbrs);
      const outcome = mergeDataset({ model: model.abbr, dataset, shards, rules, extraShardFiles: extra });
      const target = `results/${model.abbr}/${dataset.abbr}.json`;
      const run: RunMergeOutcome = { ...outcome, issues: [...readIssues, ...outcome.issues], writes: [], target };
      if (outcome.status === 'merged') {
        const result = outcome.result!;
        const text = once(() => stringifyPyJson(result));
        const sidecar = once(() => JSON.stringify(sidecarOf(outcome, shards, shardTexts, target, text(), rulesSha, rules.version, evaluatorInfo(dataset)), null, 2) + '\n');
        // A name missing from the folder listing is a new file: its text is not needed to say so.
        const listed = (path: string) => names.has(path.slice(path.lastIndexOf('/') + 1));
        run.writes.push(planWrite(runDir, target, 'result', text, listed(target)));
        run.writes.push(planWrite(runDir, sidecarPath(target), 'sidecar', sidecar, listed(sidecarPath(target))));
      } else if (outcome.refusal?.reevaluate) {
        const infer = stageFilesOf(plan.stages.infer, model.abbr, dataset.abbr).filter((f) => f.shard !== null);
        const re = planReevaluation(runDir, experiment, model.abbr, dataset.abbr, infer, (p) => {
          const read = readPredictions(p);
          run.issues.push(...read.issues);
          return read.value;
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
export function mergeRun(runDir: string, experiment: Experiment, plan: Plan, rules: RuleTable): RunMergeOutcome[] {
  return [...mergeRunEach(runDir, experiment, plan, rules)].map((o) => (o.result ? { ...o, result: materialized(o.result) } : o));
}

export const sidecarPath = (resultPath: string): string => resultPath.replace(/\.json$/, '.shardwise.json');

const once = (make: () => string): (() => string) => {
  let text: string | undefined;
  return () => (text ??= make());
};

/** `mayExist` false: the folder listing has no such name, so the file is new without reading anything. */
function planWrite(runDir: string, path: string, kind: PlannedWrite['kind'], text: () => string, mayExist: boolean): PlannedWrite {
  const abs = join(runDir, path);
  const state = !mayExist || !existsSync(abs) ? 'new' : readFileSync(abs, 'utf8') === text() ? 'identical' : 'differs';
  return {
    path, kind, state,
    get text() {
      return text();
    },
  };
}

/**
 * Result files `<abbr>_<j>.json` with j beyond the plan. A name that is itself a config dataset's
 * abbr (`math_prm800k_500`) is not a shard (opencompass.md §1.5).
 */
function extraShardFiles(names: Iterable<string>, model: string, abbr: string, planned: number, abbrs: Set<string>): string[] {
  const prefix = `${abbr}_`;
  return [...names]
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
    .filter((f) => {
      const idx = f.slice(prefix.length, -'.json'.length);
      return /^\d+$/.test(idx) && Number(idx) >= planned && String(Number(idx)) === idx && !abbrs.has(`${abbr}_${idx}`);
    })
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
