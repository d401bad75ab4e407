import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  issue,
  ShardwiseError,
  writeFileAtomic,
  type CheckReport,
  type CheckReportMerge,
  type DatasetSize,
  type Issue,
  type Plan,
  type ProjectSettings,
  type PyDict,
  type RunTree,
  loadMergeRules,
  mergeRulesPath,
  type RuleTable,
} from '@shardwise/core';
import {
  mergeRunEach,
  mergeStates,
  summarizeRun,
  upstreamSplitMerge,
  writeMerge,
  type RunMergeOutcome,
  type SummaryOutput,
} from '@shardwise/merge';
import { checkRun, planStages, runStatus, type Experiment, type PredictionCounts, type RunStatus } from '@shardwise/plan';
import { openRun } from './open-run.js';
import { reportMerges } from './report-merges.js';
import {
  computeRecord,
  RECORD_FILE,
  verifyRecord,
  writeRecord,
  type ComputedRecord,
  type VerifyContext,
  type VerifyResult,
} from './run-record.js';
import type { RunOptions } from './run-options.js';

/** One merged (or refused) model × dataset, and what `write` did with it. */
export interface MergeStep {
  outcome: RunMergeOutcome;
  /** Run-relative paths written for this outcome; undefined in a dry run. */
  written?: string[];
  /** Why a planned write was not done (an existing file without `force`, …). */
  writeIssues: Issue[];
}

export interface SummarizeResult {
  runDir: string;
  timeStr: string;
  /** The summary files written (none when OpenCompass itself would raise). */
  files: string[];
  summary: SummaryOutput;
  /** Load, rule, merge and summary issues, then write failures. */
  issues: Issue[];
}

export interface GenResult {
  outDir: string;
  /** Absolute paths of the two generated files. */
  files: string[];
  /** Datasets split in the eval stage (merged by the generated summarizer). */
  splitDatasets: number;
  /** With `check`: the files on disk equal a fresh generation. */
  upToDate?: boolean;
  /** Without `check`: the files that were (re)written. */
  written?: string[];
  issues: Issue[];
}

/** Codes for which OpenCompass itself raises, so it writes no summary files either. */
const SUMMARY_FATAL = [
  'SW_SUMMARY_DIFFERENT_METRICS',
  'SW_SUMMARY_GROUP_INVALID',
  'SW_SUMMARY_TRANSFORM_INVALID',
  'SW_SUMMARY_PROMPT_HASH',
  'SW_SUMMARY_CONFIG_KEY',
];

/**
 * One OpenCompass run (a run dir `<work_dir>/<ts>`) or config, opened once with the shared run options: the evaluated
 * config, the experiment, the sizes with their sources, the full plan, the merge-rule table (the built-in table with
 * shardwise.toml's rules in front) and the run dir's link-safe reader. Its operations return data and issues; the
 * CLI only renders them. Operations that need files of a run throw SW_USAGE when the target was a config.
 */
export class Run {
  /** The merge-rule table and the issues loading shardwise.toml's rules gave (built on first use). */
  private ruleTable: { rules: RuleTable; issues: Issue[] } | undefined;

  private constructor(
    /** The target as given (a path relative to `cwd` or absolute). */
    readonly target: string,
    readonly options: RunOptions,
    readonly cwd: string,
    /** The run dir, when the target was one. */
    readonly runDir: string | undefined,
    readonly configFile: string,
    /** The config and every file it read (read_base closure, opened files), in reading order. */
    readonly configFiles: readonly string[],
    readonly namespace: PyDict,
    readonly experiment: Experiment,
    readonly sizes: DatasetSize[],
    /** The full plan (nothing skipped). */
    readonly plan: Plan & { issues: Issue[] },
    readonly settings: ProjectSettings,
    readonly ocRoot: string | undefined,
    /** What reading found: config, experiment, sizes and plan issues. */
    readonly issues: Issue[],
    /** The run dir's prediction files as the sizes step counted them (check and merge reuse them). */
    readonly counts: PredictionCounts | undefined,
  ) {}

  /** Opens a config `.py` or a run dir; throws ShardwiseError (exit 2) when it cannot be read. Paths resolve against `cwd`. */
  static async open(target: string, options: RunOptions = {}, cwd: string = process.cwd()): Promise<Run> {
    const o = await openRun(target, options, cwd);
    return new Run(
      target,
      options,
      cwd,
      o.runDir,
      o.configFile,
      o.configFiles,
      o.namespace,
      o.experiment,
      o.sizes,
      o.plan,
      o.settings,
      o.ocRoot,
      o.issues,
      o.counts,
    );
  }

  /** The run dir's link-safe reader (every read refuses links out of the run dir with SW_RUN_LINK_OUTSIDE). */
  get tree(): RunTree | undefined {
    return this.counts?.tree;
  }

  /** The merge-rule table: built-in rules with shardwise.toml's `[[merge.rules]]` in front. */
  get rules(): RuleTable {
    return this.loadRules().rules;
  }

  /** Issues loading shardwise.toml's merge rules gave. */
  get ruleIssues(): Issue[] {
    return this.loadRules().issues;
  }

  /**
   * The run dir, or SW_USAGE naming the command when the target was a config: the one "not a run dir" guard.
   * `what` is the operation as the user asked for it (`check`, `merge`, …).
   */
  requireRunDir(what: string): string {
    if (this.runDir === undefined) {
      throw new ShardwiseError(
        issue('SW_USAGE', `${this.target} is not a run dir`, {
          file: this.target,
          hint: `${what} needs the run dir <work_dir>/<timestamp>, not a config file; use shardwise plan for a config`,
        }),
      );
    }
    return this.runDir;
  }

  /** The plan with the resume skips of `options.workDir` applied (its issues apart), or the full plan. */
  planned(): { plan: Plan; issues: Issue[] } {
    const workDir = this.options.workDir;
    if (workDir === undefined) return { plan: this.plan, issues: [] };
    const plan = planStages(this.experiment, this.sizes, { existing: (rel) => existsSync(join(workDir, rel)) });
    return { plan, issues: plan.issues };
  }

  /**
   * The run dir held against the plan; its issues start with the run's and the rule table's. `fileSizes: false`
   * leaves out each file's size (a stat per result file), for a view that does not show it.
   */
  check({ fileSizes = true }: { fileSizes?: boolean } = {}): { report: CheckReport; issues: Issue[] } {
    const runDir = this.requireRunDir('check');
    const report = checkRun(runDir, this.experiment, this.plan, {
      issues: [...this.issues, ...this.ruleIssues],
      rules: this.rules,
      mergeStates: mergeStates(this.tree!, this.plan),
      upstream: upstreamSplitMerge(this.tree!, this.ocRoot, this.plan),
      ...(this.counts !== undefined ? { counts: this.counts } : {}),
      fileSizes,
    });
    // checkRun builds these from registry codes; the schema type only knows them as strings.
    return { report, issues: report.issues as Issue[] };
  }

  /** What a check report shows per pair next to its coverage: the merge's dry run, or the unsplit result as it is. */
  reportMerges(report: CheckReport): CheckReportMerge[] {
    this.requireRunDir('check --report');
    return reportMerges(this.counts!.tree, report, this.mergeEach());
  }

  /**
   * Merges every split model × dataset in plan order, one at a time (each outcome is dropped by the caller before
   * the next dataset's shards are read); with `write`, writes each (atomically, an existing different file only
   * with `force`). Outcome issues are in `outcome.issues`; the run's and the rule table's are `issues`/`ruleIssues`.
   */
  *merge(options: { write?: boolean; force?: boolean } = {}): Generator<MergeStep> {
    const runDir = this.requireRunDir('merge');
    for (const outcome of this.mergeEach()) {
      if (!options.write) {
        yield { outcome, writeIssues: [] };
        continue;
      }
      const done = writeMerge(runDir, [outcome], { force: Boolean(options.force) });
      yield { outcome, written: done.written, writeIssues: done.issues };
    }
  }

  /** The dry-run merge outcomes, in plan order. */
  mergeEach(): Generator<RunMergeOutcome> {
    const runDir = this.requireRunDir('merge');
    return mergeRunEach(runDir, this.experiment, this.plan, this.rules, this.counts);
  }

  /**
   * The summary OpenCompass's DefaultSummarizer would write with every mergeable split dataset merged, written to
   * `outDir` (default `<run dir>/summary`) as `summary_<timeStr>.{txt,csv,md}` unless OpenCompass would raise.
   */
  summarize(options: { timeStr: string; outDir?: string }): SummarizeResult {
    const runDir = this.requireRunDir('summarize');
    const outDir = options.outDir ?? join(runDir, 'summary');
    const s = summarizeRun(runDir, this.experiment, this.plan, this.rules, options.timeStr, this.counts);
    const issues: Issue[] = [...this.issues, ...this.ruleIssues, ...s.mergeIssues, ...s.issues];
    const files: string[] = [];
    if (!s.issues.some((i) => SUMMARY_FATAL.includes(i.code))) {
      for (const [ext, text] of [
        ['txt', s.txt],
        ['csv', s.csv],
        ['md', s.md],
      ] as const) {
        const path = join(outDir, `summary_${options.timeStr}.${ext}`);
        files.push(path);
        if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
        try {
          writeFileAtomic(path, text);
        } catch (e) {
          if (!(e instanceof ShardwiseError)) throw e;
          issues.push(...e.issues);
        }
      }
    }
    return { runDir, timeStr: options.timeStr, files, summary: s, issues };
  }

  /** Progress of the run: finished, running, failed and pending tasks per stage, and the resume command. */
  status(): RunStatus {
    const runDir = this.requireRunDir('status');
    const status = runStatus(runDir, this.plan, {
      configFile: this.configFile,
      ...(this.experiment.workDir ? { workDir: this.experiment.workDir } : {}),
    });
    return { ...status, issues: [...this.issues, ...status.issues] };
  }

  /**
   * The Python NumWorkerSummarizer and its summarizer config for this experiment. `outLabel` is the folder as the user
   * named it (in the usage comment), `outDir` its absolute path. With `check`, compares with the files on disk and
   * writes nothing; otherwise writes the files that differ (replacing a different file only with `force`).
   * @shardwise/generate (and handlebars) is loaded here, not by every command that opens a run.
   */
  async gen(options: {
    shardwiseVersion: string;
    configLabel: string;
    outLabel: string;
    outDir: string;
    check?: boolean;
    force?: boolean;
  }): Promise<GenResult> {
    const { checkGeneratedFiles, generateSummarizerFiles, modulePlanOf, tomlRulesOf } = await import('@shardwise/generate');
    const generated = generateSummarizerFiles({
      shardwiseVersion: options.shardwiseVersion,
      experiment: this.experiment,
      plan: this.plan,
      rulesText: readFileSync(mergeRulesPath(), 'utf8'),
      userRules: tomlRulesOf(this.rules),
      configLabel: options.configLabel,
      outDir: options.outLabel,
    });
    const issues: Issue[] = [...this.issues];
    const splitDatasets = modulePlanOf(this.experiment, this.plan).merges.length;
    if (!splitDatasets)
      issues.push(
        issue('SW_GEN_NOTHING_SPLIT', 'no dataset is split in the eval stage: the summarizer reads results like DefaultSummarizer', {
          file: this.configFile,
        }),
      );
    const files = generated.map((f) => join(options.outDir, f.name));
    if (options.check) {
      const drift = checkGeneratedFiles(options.outDir, generated);
      return { outDir: options.outDir, files, splitDatasets, upToDate: drift.length === 0, issues: [...issues, ...drift] };
    }
    const written: string[] = [];
    for (const [i, f] of generated.entries()) {
      const path = files[i]!;
      if (existsSync(path) && readFileSync(path, 'utf8') === f.text) continue;
      writeFileAtomic(path, f.text, { force: Boolean(options.force) });
      written.push(path);
    }
    return { outDir: options.outDir, files, splitDatasets, written, issues };
  }

  /**
   * The run's reproducibility record, computed from scratch; with `out` (absolute; `true` for
   * `<run dir>/shardwise-record.json`) also written, replacing a different file only with `force`.
   */
  async record(options: { shardwiseVersion: string; out?: string | true; force?: boolean }): Promise<ComputedRecord & { file?: string }> {
    const computed = await computeRecord(this, options.shardwiseVersion);
    if (options.out === undefined) return computed;
    const file = options.out === true ? join(computed.record.runDir, RECORD_FILE) : options.out;
    writeRecord(computed.record, file, Boolean(options.force));
    return { ...computed, file };
  }

  /** Recomputes a record (an absolute path) with its stored run options, each overridden by `overrides`, and reports every drift. */
  static verify(recordFile: string, overrides: RunOptions, context: VerifyContext & { cwd: string }): Promise<VerifyResult> {
    return verifyRecord(recordFile, overrides, context, (runDir, options) => Run.open(runDir, options, context.cwd));
  }

  private loadRules(): { rules: RuleTable; issues: Issue[] } {
    return (this.ruleTable ??= loadMergeRules(this.settings.settings.merge?.rules ?? []));
  }
}
