import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { issueCodes, isIssueCode, type Issue, type MergeRule, type Plan, loadMergeRules, mergeRulesPath } from '@shardwise/core';
import { generateSummarizerFiles, MODULE_FILE, tomlRulesOf } from '@shardwise/generate';
import { mergeRun, writeMerge } from '@shardwise/merge';
import type { Experiment } from '@shardwise/plan';
import { tempDir } from '../support/temp-dir.js';

/** A split run dir with what the TS core needs to merge it. */
export interface ParityCase {
  runDir: string;
  experiment: Experiment;
  plan: Plan;
  /** shardwise.toml `[merge] rules`. */
  tomlRules?: MergeRule[];
}

/** What one side did: files of the run dir afterwards, per-dataset outcome, issue codes, exit status. */
export interface SideReport {
  tree: Record<string, string>;
  outcomes: {
    model: string;
    dataset: string;
    status: string;
    code?: string;
    rows: unknown;
    keys: unknown;
    writes: { path: string; kind: string; state: string }[];
  }[];
  written: string[];
  codes: string[];
  exit: number;
}

type SideOutcome = SideReport['outcomes'][number];

/** What both sides report of an outcome: its refusal only by code. */
const sideOutcome = (o: Omit<SideOutcome, 'code'> & { refusal?: { code: string } }): SideOutcome => ({
  model: o.model,
  dataset: o.dataset,
  status: o.status,
  ...(o.refusal ? { code: o.refusal.code } : {}),
  rows: o.rows,
  keys: o.keys,
  writes: o.writes,
});

const rulesText = readFileSync(mergeRulesPath(), 'utf8');

/** Every file under `dir` (run-relative path → content), temp files included so a leftover shows. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(join(dir, path)).isDirectory()) walk(path);
      else out[path] = readFileSync(join(dir, path), 'latin1');
    }
  };
  walk('');
  return out;
}

const exitOf = (codes: string[]) => (codes.some((c) => isIssueCode(c) && issueCodes[c].severity === 'error') ? 1 : 0);

/** The generated module for this case, written to `dir`; returns its path. */
export function writeModule(c: ParityCase, dir: string): string {
  const { rules } = loadMergeRules(c.tomlRules ?? []);
  const files = generateSummarizerFiles({
    shardwiseVersion: '0.0.0-parity',
    experiment: c.experiment,
    plan: c.plan,
    rulesText,
    userRules: tomlRulesOf(rules),
    configLabel: 'eval_demo.py',
    outDir: dir,
  });
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(join(dir, f.name), f.text);
  return join(dir, MODULE_FILE);
}

/**
 * Merges two copies of the run dir: one with the TS core's write path (mergeRun + writeMerge), one with
 * the generated Python's `--write --json`. `before` runs on both copies first (e.g. a stale unsplit file).
 */
export function mergeBothWays(
  c: ParityCase,
  options: { force?: boolean; before?: (runDir: string) => void } = {},
): { ts: SideReport; py: SideReport; stderr: string } {
  const root = tempDir('sw-parity-');
  const copy = (side: string) => {
    const dir = join(root, side, basename(c.runDir));
    cpSync(c.runDir, dir, { recursive: true });
    options.before?.(dir);
    return dir;
  };
  const tsDir = copy('ts');
  const pyDir = copy('py');

  const { rules } = loadMergeRules(c.tomlRules ?? []);
  const outcomes = mergeRun(tsDir, c.experiment, c.plan, rules);
  const write = writeMerge(tsDir, outcomes, { force: Boolean(options.force) });
  const tsCodes = [...outcomes.flatMap((o) => o.issues), ...write.issues].map((i: Issue) => i.code);
  const ts: SideReport = {
    tree: readTree(tsDir),
    outcomes: outcomes.map((o) => sideOutcome({ ...o, writes: o.writes.map((w) => ({ path: w.path, kind: w.kind, state: w.state })) })),
    written: write.written,
    codes: tsCodes,
    exit: exitOf(tsCodes),
  };

  const module = writeModule(c, join(root, 'gen'));
  const run = spawnSync('python3', [module, pyDir, '--write', '--json', ...(options.force ? ['--force'] : [])], { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`python3 failed (${run.status}): ${run.stderr}`);
  const report = JSON.parse(run.stdout) as {
    written: string[];
    issues: { code: string }[];
    outcomes: {
      model: string;
      dataset: string;
      status: string;
      refusal?: { code: string };
      rows: unknown;
      keys: unknown;
      writes: SideOutcome['writes'];
    }[];
  };
  const py: SideReport = {
    tree: readTree(pyDir),
    outcomes: report.outcomes.map(sideOutcome),
    written: report.written,
    codes: report.issues.map((i) => i.code),
    exit: run.status,
  };
  return { ts, py, stderr: run.stderr };
}
