// Generated from schemas/run-status.schema.json by packages/core/scripts/generate-types.ts. Do not edit:
// change the schema and run `pnpm gen:types` (a test fails when this file drifts).
import type { Issue } from './issue.generated.js';

/** Where a run in progress stands, from the plan and the files on disk: what `runStatus` returns and `shardwise status --json` prints (issues include the config's and the plan's). */
export interface RunStatus {
  /** Absolute run dir <work_dir>/<timestamp>. */
  runDir: string;
  /** The config the plan was derived from, and the one the resume command names. */
  configFile: string;
  /** infer then eval; a stage the plan lacks is left out. */
  stages: StageStatus[];
  /** Every planned task (full plan, nothing skipped), infer first, in plan order. */
  tasks: TaskStatus[];
  /** Every planned output of every stage exists. */
  complete: boolean;
  resume?: ResumeCommand;
  /** Failed tasks, the run being incomplete, unreadable logs (and, from the CLI, the issues of reading the config and planning). */
  issues: Issue[];
}

export type StageName = "infer" | "eval";
/** finished: every output exists; failed: its log ends in a traceback or fatal line, or ends cleanly without every output; running: a log without an end or an infer checkpoint; pending: nothing yet. */
export type TaskState = "finished" | "failed" | "running" | "pending";
/** One output file of a task: exists; its task is running; its task failed; its task has not started. */
export type OutputState = "finished" | "in-progress" | "failed" | "pending";

export interface StageStatus {
  stage: StageName;
  /** Output files the stage must write. */
  expected: number;
  /** Of them, those on disk. */
  finished: number;
  models: ModelStageStatus[];
}

export interface ModelStageStatus {
  /** Real model abbr. */
  model: string;
  expected: number;
  finished: number;
  inProgress: number;
  failed: number;
  pending: number;
}

export interface TaskStatus {
  stage: StageName;
  /** Real model abbr. */
  model: string;
  /** OpenCompass's task name `[<m>/<abbr>,…]`. */
  name: string;
  state: TaskState;
  /** The task's log, relative to the run dir (whether or not it exists). */
  log: string;
  logExists: boolean;
  /** Why the task counts as failed: the last line of its traceback, or what is missing. */
  reason?: string;
  outputs: TaskOutput[];
}

export interface TaskOutput {
  /** <abbr>_<i> for a shard, the dataset abbr when unsplit. */
  abbr: string;
  /** Relative to the run dir. */
  path: string;
  state: OutputState;
}

/** How to finish the run: `opencompass <config> -w <work_dir parent> [-m eval] -r <timestamp>` (absent when complete). */
export interface ResumeCommand {
  /** Run it from here: the launch folder, where .cache/dataset_size.json lives (when known). */
  cwd?: string;
  argv: string[];
  /** argv as one shell line (with `cd <cwd> &&` when cwd is known). */
  command: string;
  /** all while predictions are missing, eval when only results are left. */
  mode: "all" | "eval";
}
