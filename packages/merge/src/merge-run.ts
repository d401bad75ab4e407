import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issue, PyDict, readRunFile, writeFileAtomic, ShardwiseError, type Issue, type MergeSidecar, type Plan } from '@shardwise/core';
import { evalShardsOf, stageFilesOf, type Experiment } from '@shardwise/plan';
import { evaluatorInfo, mergeDataset, type MergeOutcome } from './merge-dataset.js';
import { mergeRulesPath, type RuleTable } from './merge-rules.js';
import { parsePyJson, stringifyPyJson } from './py-json.js';
import { planReevaluation, type Reevaluation } from './reevaluation.js';
import type { ShardInput } from './shard-input.js';

/** A file `merge --write` would write, and how it compares with what is on disk. */
export interface PlannedWrite {
  /** Run-relative path. */
  path: string;
  kind: 'result' | 'sidecar' | 'predictions';
  text: string;
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

/** Reads a Python-written JSON object of the run dir; problems go to `issues`, a missing file gives undefined silently. */
function readPyJsonFile(runDir: string, rel: string, issues: Issue[]): { value?: PyDict; text?: string } {
  const { text, issue: problem } = readRunFile(runDir, join(runDir, rel), rel);
  if (problem) issues.push(problem);
  if (text === undefined) return {};
  const parsed = parsePyJson(text, rel);
  issues.push(...parsed.issues);
  if (parsed.value === undefined) return { text };
  if (!(parsed.value instanceof PyDict)) {
    issues.push(issue('SW_JSON_SYNTAX', `${rel} holds a JSON ${Array.isArray(parsed.value) ? 'list' : 'value'}, not an object`, { file: rel }));
    return { text };
  }
  return { value: parsed.value, text };
}

/**
 * Merges every split model × dataset of the run (the plan's eval shards decide which and how many).
 * Pure with respect to the run dir: reads only; `writeMerge` performs the writes.
 */
export function mergeRun(runDir: string, experiment: Experiment, plan: Plan, rules: RuleTable): RunMergeOutcome[] {
  const rulesSha = sha256(readFileSync(mergeRulesPath()));
  const out: RunMergeOutcome[] = [];
  const abbrs = new Set(experiment.datasets.map((d) => d.abbr));
  // One listing per results folder, not one per dataset (a readdir per pair is quadratic in the datasets).
  const listings = new Map<string, string[]>();
  const listing = (dir: string): string[] => {
    let names = listings.get(dir);
    if (!names) listings.set(dir, (names = existsSync(dir) ? readdirSync(dir) : []));
    return names;
  };
  for (const model of experiment.models) {
    for (const dataset of experiment.datasets) {
      const planned = evalShardsOf(plan, model.abbr, dataset.abbr);
      if (!planned.length) continue;
      const readIssues: Issue[] = [];
      // Each shard file is read once: its text feeds the sidecar's sha256 without a second read.
      const shardTexts: (string | undefined)[] = [];
      const shards: ShardInput[] = planned.map((p) => {
        const { value: result, text } = readPyJsonFile(runDir, p.path, readIssues);
        shardTexts.push(text);
        const predictions = readPyJsonFile(runDir, `predictions/${model.abbr}/${p.abbr}.json`, readIssues).value;
        return { planned: p, file: p.path, ...(result ? { result } : {}), ...(predictions ? { predictions } : {}) };
      });
      const extra = extraShardFiles(listing(join(runDir, 'results', model.abbr)), model.abbr, dataset.abbr, planned.length, abbrs);
      const outcome = mergeDataset({ model: model.abbr, dataset, shards, rules, extraShardFiles: extra });
      const target = `results/${model.abbr}/${dataset.abbr}.json`;
      const run: RunMergeOutcome = { ...outcome, issues: [...readIssues, ...outcome.issues], writes: [], target };
      if (outcome.status === 'merged') {
        const text = stringifyPyJson(outcome.result!);
        const sidecar = sidecarOf(outcome, shards, shardTexts, target, text, rulesSha, rules.version, evaluatorInfo(dataset));
        run.writes.push(planWrite(runDir, target, 'result', text));
        run.writes.push(planWrite(runDir, sidecarPath(target), 'sidecar', JSON.stringify(sidecar, null, 2) + '\n'));
      } else if (outcome.refusal?.reevaluate) {
        const infer = stageFilesOf(plan.stages.infer, model.abbr, dataset.abbr).filter((f) => f.shard !== null);
        const re = planReevaluation(runDir, experiment, model.abbr, dataset.abbr, infer, (p) => readPyJsonFile(runDir, p, run.issues).value);
        run.reevaluation = re;
        run.issues.push(...re.issues);
        if (re.predictions && re.predictionsPath) run.writes.push(planWrite(runDir, re.predictionsPath, 'predictions', stringifyPyJson(re.predictions)));
      }
      out.push(run);
    }
  }
  return out;
}

export const sidecarPath = (resultPath: string): string => resultPath.replace(/\.json$/, '.shardwise.json');

function planWrite(runDir: string, path: string, kind: PlannedWrite['kind'], text: string): PlannedWrite {
  const abs = join(runDir, path);
  const state = !existsSync(abs) ? 'new' : readFileSync(abs, 'utf8') === text ? 'identical' : 'differs';
  return { path, kind, text, state };
}

/**
 * Result files `<abbr>_<j>.json` with j beyond the plan. A name that is itself a config dataset's
 * abbr (`math_prm800k_500`) is not a shard (opencompass.md §1.5).
 */
function extraShardFiles(names: string[], model: string, abbr: string, planned: number, abbrs: Set<string>): string[] {
  const prefix = `${abbr}_`;
  return names
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
export function writeMerge(runDir: string, outcomes: RunMergeOutcome[], options: { force?: boolean } = {}): { written: string[]; issues: Issue[] } {
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
