import {
  RunTree,
  type DatasetSize,
  type Plan,
  type RecordFileDigest,
  type RecordMergedResult,
  type RecordRunOptions,
  type RunRecord,
} from '@shardwise/core';
import { canonicalJson } from './canonical-json.js';
import { digestFile, digestRunFiles, recordPath, sha256Hex } from './file-digest.js';

/** Everything a record states, already computed by the caller (the CLI wires loading, planning and merging). */
export interface RecordInputs {
  shardwiseVersion: string;
  /** Absolute run dir. */
  runDir: string;
  configFile: string;
  /** The config and its read_base closure, in reading order (`readConfig(...).files`). */
  configFiles: readonly string[];
  plan: Plan;
  sizes: readonly DatasetSize[];
  /** The merge-rule table file the merge used. */
  ruleTableFile: string;
  merged: readonly RecordMergedResult[];
  /** The summarizer dict `gen` writes (plain JSON). */
  summarizer: Record<string, unknown>;
  /** The run options given on the command line (paths as records store them), for verify to reuse. */
  runOptions?: RecordRunOptions;
  /** The run files as `digestRunFiles` gave them through the run's RunTree (default: digested here, links out left out). */
  runFiles?: RecordFileDigest[];
}

/** Builds a record by hashing every file it names; deterministic for the same inputs and files. */
export function buildRunRecord(input: RecordInputs): RunRecord {
  const { runDir, plan } = input;
  const stage = (name: 'infer' | 'eval') => {
    const p = plan.stages[name]?.partitioner;
    return { type: p?.type ?? 'none', args: p?.args ?? {}, assumed: p?.assumed ?? false };
  };
  const caches = [...new Set(input.sizes.filter((s) => s.source === 'size-cache' && s.file).map((s) => s.file!))].sort();
  return {
    schemaVersion: 2,
    shardwiseVersion: input.shardwiseVersion,
    runDir,
    configFile: recordPath(runDir, input.configFile),
    configFiles: input.configFiles.map((f) => digestFile(runDir, f)),
    partitioners: { infer: stage('infer'), eval: stage('eval') },
    sizes: [...input.sizes],
    sizeCaches: caches.map((f) => digestFile(runDir, f)),
    planSha256: planSha256(plan),
    files: input.runFiles ?? digestRunFiles(new RunTree(runDir)).files,
    ruleTable: digestFile(runDir, input.ruleTableFile),
    merged: [...input.merged],
    summarizer: input.summarizer,
    ...(input.runOptions !== undefined ? { runOptions: input.runOptions } : {}),
  };
}

/** The plan's identity: its stages only (sizes and issues are recorded on their own, issue texts hold paths). */
export function planSha256(plan: Plan): string {
  return sha256Hex(canonicalJson(plan.stages));
}
