import { existsSync, readFileSync } from 'node:fs';
import {
  isPyNumber,
  issue,
  RunTree,
  ShardwiseError,
  toJsNumber,
  toPlainJson,
  validateAgainst,
  writeFileAtomic,
  type Issue,
  type RecordMergedResult,
  type RecordRunOptions,
  type RunRecord,
  mergeRulesPath,
} from '@shardwise/core';
import type { recordPath as RecordPath, resolveRecordPath as ResolveRecordPath } from '@shardwise/generate';
import { materialized, stringifyPyJson } from '@shardwise/merge';
import type { Run } from './run.js';
import type { RunOptions } from './run-options.js';

/** The record's default file name, in the run dir. */
export const RECORD_FILE = 'shardwise-record.json';

/** A freshly computed record, the run's issues, and the run files not hashed (links out of the run dir). */
export interface ComputedRecord {
  record: RunRecord;
  /** Load and rule-table issues, then the digest's (SW_RUN_LINK_OUTSIDE). */
  issues: Issue[];
  /** The digest's issues alone. */
  fileIssues: Issue[];
}

/**
 * Computes a run's record from scratch: configs, partitioners, sizes, plan, every run file, dry-run merges.
 * @shardwise/generate is imported by the record operations only (it brings handlebars with it).
 */
export async function computeRecord(run: Run, shardwiseVersion: string): Promise<ComputedRecord> {
  const { buildRunRecord, digestRunFiles, recordPath, sha256Hex, summarizerConfig } = await import('@shardwise/generate');
  const runDir = run.requireRunDir('record');
  const merged: RecordMergedResult[] = [...run.mergeEach()].map((each) => {
    const o = each.result ? { ...each, result: materialized(each.result) } : each;
    const text = o.status === 'merged' && o.result ? stringifyPyJson(o.result) : undefined;
    const metrics = o.result
      ? Object.fromEntries(
          [...o.result].filter(([k, v]) => typeof k === 'string' && isPyNumber(v)).map(([k, v]) => [k as string, plainNumber(v as number)]),
        )
      : {};
    return {
      model: o.model,
      dataset: o.dataset,
      status: o.status,
      sha256: text === undefined ? null : sha256Hex(text),
      ...(text !== undefined ? { metrics } : {}),
      ...(o.refusal ? { codes: [o.refusal.code] } : {}),
    };
  });
  const digest = digestRunFiles(run.tree!);
  const record = buildRunRecord({
    shardwiseVersion,
    runDir,
    configFile: run.configFile,
    configFiles: run.configFiles,
    plan: run.plan,
    sizes: run.sizes,
    ruleTableFile: mergeRulesPath(),
    merged,
    summarizer: toPlainJson(summarizerConfig(run.experiment)) as Record<string, unknown>,
    runOptions: recordedOptions(runDir, run.options, recordPath),
    runFiles: digest.files,
  });
  return { record, issues: [...run.issues, ...run.ruleIssues, ...digest.issues], fileIssues: digest.issues };
}

/** Writes a record (schema-checked) to `out`; an identical file is left alone, a different one replaced only with `force`. */
export function writeRecord(record: RunRecord, out: string, force: boolean): void {
  const problems = validateAgainst('record.schema.json', record);
  if (problems.length) throw new ShardwiseError(problems.map((p) => issue('SW_INTERNAL', `record ${p.pointer} ${p.message}`)));
  const text = JSON.stringify(record, null, 2) + '\n';
  if (!(existsSync(out) && readFileSync(out, 'utf8') === text)) writeFileAtomic(out, text, { force });
}

export interface VerifyContext {
  /** The run dir to verify (default: the one the record names). */
  runDir?: string;
  shardwiseVersion: string;
}

export interface VerifyResult {
  record: string;
  runDir: string;
  /** Every drift, one coded issue each; empty when the run reproduces the record. */
  issues: Issue[];
}

/**
 * Recomputes a record's run (by default the run dir it names) with the run options it stores, each overridden by
 * `overrides` (`env` and `sizes` key by key), and reports every drift. Without its config closure nothing can be
 * re-planned: then only the run files are compared.
 */
export async function verifyRecord(
  file: string,
  overrides: RunOptions,
  context: VerifyContext,
  open: (runDir: string, options: RunOptions) => Promise<Run>,
): Promise<VerifyResult> {
  const { diffRunRecords, digestRunFiles, resolveRecordPath } = await import('@shardwise/generate');
  const recorded = readRecord(file);
  const runDir = context.runDir ?? recorded.runDir;
  const gone = recorded.configFiles.map((f) => resolveRecordPath(runDir, f.path)).filter((f) => !existsSync(f));
  if (gone.length) {
    const digest = digestRunFiles(new RunTree(runDir));
    const files = diffRunRecords(recorded, { ...recorded, files: digest.files }).filter((i) => i.code.startsWith('SW_RECORD_FILE_'));
    const issues = [
      ...gone.map((f) =>
        issue('SW_RECORD_CONFIG_DRIFT', `the recorded config file ${f} is gone`, {
          file: f,
          hint: 'restore it; nothing else can be re-planned without the whole config',
        }),
      ),
      ...files,
      ...digest.issues,
    ];
    return { record: file, runDir, issues };
  }
  const options = { ...reusedOptions(runDir, recorded, resolveRecordPath), ...definedOf(overrides) };
  if (recorded.runOptions?.env && overrides.env) options.env = { ...recorded.runOptions.env, ...overrides.env };
  if (recorded.runOptions?.sizes && overrides.sizes) options.sizes = { ...recorded.runOptions.sizes, ...overrides.sizes };
  const run = await open(runDir, options);
  const fresh = await computeRecord(run, context.shardwiseVersion);
  return { record: file, runDir, issues: [...diffRunRecords(recorded, { ...fresh.record, runDir: recorded.runDir }), ...fresh.fileIssues] };
}

/** The options as a record stores them: those given (not shardwise.toml's), paths relative to the run dir when inside it. */
function recordedOptions(runDir: string, o: RunOptions, recordPath: typeof RecordPath): RecordRunOptions {
  return {
    ...(o.config !== undefined ? { config: recordPath(runDir, o.config) } : {}),
    ...(o.ocRoot !== undefined ? { ocRoot: o.ocRoot } : {}),
    ...(o.env !== undefined ? { env: o.env } : {}),
    ...(o.sizes !== undefined ? { sizes: o.sizes } : {}),
    ...(o.datasetSize !== undefined ? { datasetSize: recordPath(runDir, o.datasetSize) } : {}),
    ...(o.maxNumWorkers !== undefined ? { maxNumWorkers: o.maxNumWorkers } : {}),
  };
}

/** A record's options against a (possibly copied) run dir; the config is the recorded one (a version-1 record has no options). */
function reusedOptions(runDir: string, recorded: RunRecord, resolveRecordPath: typeof ResolveRecordPath): RunOptions {
  const o = recorded.runOptions ?? {};
  return {
    ...o,
    config: resolveRecordPath(runDir, recorded.configFile),
    ...(o.datasetSize !== undefined ? { datasetSize: resolveRecordPath(runDir, o.datasetSize) } : {}),
  };
}

function definedOf(o: RunOptions): RunOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function readRecord(file: string): RunRecord {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ShardwiseError(
      issue('SW_RECORD_INVALID', `cannot read ${file}: ${(e as Error).message}`, {
        file,
        hint: "give a file written by 'shardwise record'",
      }),
    );
  }
  const problems = validateAgainst('record.schema.json', value);
  if (problems.length) {
    throw new ShardwiseError(
      problems.map((p) =>
        issue('SW_RECORD_INVALID', `${p.pointer || '(top level)'} ${p.message}`, {
          file,
          hint: "give a file written by 'shardwise record'",
        }),
      ),
    );
  }
  return value as RunRecord;
}

/** Non-finite floats as the strings Python prints, so the record stays plain JSON. */
function plainNumber(v: number | bigint | boolean): number | string {
  const n = toJsNumber(v);
  return Number.isFinite(n) ? n : String(toPlainJson(n));
}
