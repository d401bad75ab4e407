import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import {
  issue,
  type Issue,
  type OutputState,
  type Plan,
  type PlannedTask,
  type ResumeCommand,
  type RunStatusJson,
  type StageName,
  type StagePlan,
  type StageStatus,
  type TaskState,
  type TaskStatus,
} from '@shardwise/core';
import { outputPath } from './run-paths.js';

export type { TaskState, OutputState, StageName, TaskStatus, ModelStageStatus, StageStatus, ResumeCommand } from '@shardwise/core';

/** schemas/run-status.schema.json, with the issues as built (registry codes). */
export type RunStatus = Omit<RunStatusJson, 'issues'> & { issues: Issue[] };

export interface RunStatusOptions {
  /** The config to resume with (default: the run's newest dumped config, which OpenCompass wrote). */
  configFile: string;
  /** The config's `work_dir` (which names the run dir itself): locates the launch folder. */
  workDir?: string;
}

/** The end line OpenCompass's task scripts print after a clean run. */
const CLEAN_END = /- OpenCompass - INFO - time elapsed: [\d.]+s\s*$/;

/** Tail lines that mean the task process died (the first one only below a traceback). Rules as data. */
const FAILURE_LINES: { pattern: RegExp; reason: (line: string) => string }[] = [
  { pattern: /^(?:[A-Za-z_][\w.]*)?(?:Error|Exception|Interrupt|Exit)(?::.*)?$/, reason: (l) => l },
  { pattern: /^Killed$|^Segmentation fault|^Bus error|^Aborted/, reason: (l) => `the process was terminated: ${l}` },
  { pattern: /CUDA out of memory|torch\.OutOfMemoryError/, reason: (l) => l.trim() },
];

const TRACEBACK = 'Traceback (most recent call last):';
/** A line of OpenCompass's logger (mmengine format). */
const LOGGER_LINE = / - OpenCompass - [A-Z]+ - /;

/**
 * Where a run in progress stands, from the plan and the files on disk (docs/opencompass.md §1.2, §2.2, §4).
 * OpenCompass leaves no marker for a failed task: LocalRunner only logs "task … fail" to the launcher's
 * console, the task's own `logs/<stage>/<m>/<first abbr>.out` holds its stdout+stderr, and a failed eval
 * is otherwise visible only as a missing results file. So a task's state is read, in this order, from:
 * its outputs (all present → finished), the tail of its log (a traceback or fatal line → failed; the
 * normal end line without all outputs → failed too), an infer checkpoint `tmp_<abbr>.jsonl` or a log
 * without an end (→ running), and nothing at all (→ pending).
 */
export function runStatus(runDir: string, plan: Plan, options: RunStatusOptions): RunStatus {
  const issues: Issue[] = [];
  const tasks: TaskStatus[] = [];
  const stages: StageStatus[] = [];
  for (const stage of ['infer', 'eval'] as const) {
    const stagePlan = plan.stages[stage];
    if (!stagePlan) continue;
    const stageTasks = stagePlan.tasks.map((t) => taskStatus(runDir, stage, stagePlan, t, issues));
    tasks.push(...stageTasks);
    stages.push(stageStatus(stage, stageTasks));
  }
  for (const t of tasks.filter((x) => x.state === 'failed')) {
    issues.push(
      issue('SW_STATUS_TASK_FAILED', `${t.stage} task ${t.name} failed: ${t.reason}`, {
        file: join(runDir, t.log),
        model: t.model,
        abbr: t.outputs.find((o) => o.state === 'failed')?.abbr,
        hint: `read ${t.log}, fix the cause, then resume the run`,
      }),
    );
  }
  const complete = stages.every((s) => s.finished === s.expected);
  const resume = complete ? undefined : resumeCommand(runDir, stages, options);
  if (resume) {
    const left = stages.map((s) => `${s.expected - s.finished} ${s.stage}`).join(', ');
    issues.push(
      issue('SW_STATUS_RUN_INCOMPLETE', `the run is not finished: ${left} output(s) left`, { file: runDir, hint: resume.command }),
    );
  }
  return { runDir, configFile: options.configFile, stages, tasks, complete, ...(resume ? { resume } : {}), issues };
}

function taskStatus(runDir: string, stage: StageName, plan: StagePlan, task: PlannedTask, issues: Issue[]): TaskStatus {
  const first = task.datasets[0]?.[0] ?? '';
  const log = join('logs', stage, task.model, `${first}.out`);
  const logText = readLog(join(runDir, log), issues, task.model);
  const outputs = task.datasets.map(([abbr]) => {
    const path = plan.files.find((f) => f.model === task.model && f.abbr === abbr)?.path ?? outputPath(stage, task.model, abbr);
    const done = existsSync(join(runDir, path));
    const checkpoint = stage === 'infer' && existsSync(join(runDir, dirname(path), `tmp_${basename(path, '.json')}.jsonl`));
    return { abbr, path, done, checkpoint };
  });
  const name = `[${task.datasets.map(([abbr]) => `${task.model}/${abbr}`).join(',')}]`;
  const failure = outputs.every((o) => o.done) ? undefined : failureOf(logText);
  const state: TaskState = outputs.every((o) => o.done)
    ? 'finished'
    : failure !== undefined
      ? 'failed'
      : logText !== undefined || outputs.some((o) => o.checkpoint)
        ? 'running'
        : 'pending';
  const outputState = (o: (typeof outputs)[number]): OutputState =>
    o.done ? 'finished' : state === 'failed' ? 'failed' : o.checkpoint || state === 'running' ? 'in-progress' : 'pending';
  return {
    stage,
    model: task.model,
    name,
    state,
    log,
    logExists: logText !== undefined,
    ...(failure !== undefined ? { reason: failure } : {}),
    outputs: outputs.map((o) => ({ abbr: o.abbr, path: o.path, state: outputState(o) })),
  };
}

function readLog(path: string, issues: Issue[], model: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    issues.push(
      issue('SW_STATUS_LOG_UNREADABLE', `cannot read ${path}: ${(e as Error).message}`, {
        file: path,
        model,
        hint: 'check the file permissions',
      }),
    );
    return undefined;
  }
}

/**
 * Why a task whose outputs are incomplete stopped, or undefined when its log says it may still run.
 * Reads the log bottom up: a fatal line (an exception line below a traceback, a kill) before any logger
 * line means failure; the logger's clean end line means it exited without writing everything; any other
 * logger line means it was still working when the log was last written.
 */
function failureOf(log: string | undefined): string | undefined {
  if (log === undefined) return undefined;
  const lines = log
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(-40);
  const hasTraceback = lines.includes(TRACEBACK);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    const rule = FAILURE_LINES.find((r, k) => r.pattern.test(line) && (k > 0 || hasTraceback));
    if (rule) return rule.reason(line);
    if (LOGGER_LINE.test(line)) return CLEAN_END.test(line) ? 'the task ended normally but did not write all its outputs' : undefined;
  }
  return undefined;
}

function stageStatus(stage: StageName, tasks: TaskStatus[]): StageStatus {
  const models = [...new Set(tasks.map((t) => t.model))].map((model) => {
    const outs = tasks.filter((t) => t.model === model).flatMap((t) => t.outputs);
    const count = (s: OutputState) => outs.filter((o) => o.state === s).length;
    return {
      model,
      expected: outs.length,
      finished: count('finished'),
      inProgress: count('in-progress'),
      failed: count('failed'),
      pending: count('pending'),
    };
  });
  const sum = (k: 'expected' | 'finished') => models.reduce((n, m) => n + m[k], 0);
  return { stage, expected: sum('expected'), finished: sum('finished'), models };
}

/**
 * `opencompass <config> -w <work_dir> -r <ts>` (docs/opencompass.md §1.1, §6): the dumped config names the
 * timestamped dir as its work_dir, so `-w` must point at the parent, and `-r <ts>` reuses the run dir;
 * the partitioners then plan only the missing outputs. `-m eval` when every prediction exists.
 */
function resumeCommand(runDir: string, stages: StageStatus[], options: RunStatusOptions): ResumeCommand {
  const inferLeft = stages.some((s) => s.stage === 'infer' && s.finished < s.expected);
  const launchDir = options.workDir !== undefined ? launchFolderOf(runDir, options.workDir) : undefined;
  const at = (p: string) => (launchDir !== undefined ? relative(launchDir, p) || '.' : p);
  const argv = [
    'opencompass',
    at(options.configFile),
    '-w',
    at(dirname(runDir)),
    ...(inferLeft ? [] : ['-m', 'eval']),
    '-r',
    basename(runDir),
  ];
  const line = argv.map(shellQuote).join(' ');
  return {
    ...(launchDir !== undefined ? { cwd: launchDir } : {}),
    argv,
    command: launchDir !== undefined ? `cd ${shellQuote(launchDir)} && ${line}` : line,
    mode: inferLeft ? 'all' : 'eval',
  };
}

/** The folder OpenCompass was launched from: the run dir minus the config's relative `work_dir`, if it matches. */
export function launchFolderOf(runDir: string, workDir: string): string | undefined {
  if (isAbsolute(workDir)) return undefined;
  const tail = join('/', workDir);
  return runDir.endsWith(tail) ? runDir.slice(0, runDir.length - tail.length) || '/' : undefined;
}

const shellQuote = (s: string): string => (/^[\w./=:@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
