import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { issue, toJsNumber, ShardwiseError, toPlainJson, validateAgainst, writeFileAtomic, isPyNumber, type RecordMergedResult, type RunRecord } from '@shardwise/core';
import { buildRunRecord, sha256Hex, summarizerConfig } from '@shardwise/generate';
import { loadMergeRules, mergeRulesPath, mergeRun, stringifyPyJson } from '@shardwise/merge';
import type { CommandModule } from '../command-kit.js';
import type { CliIo } from '../cli-io.js';
import { loadRun } from '../load-run.js';
import { VERSION } from '../version.js';
import { runInputsOf, withRunInputs } from './gen.js';

export const RECORD_FILE = 'shardwise-record.json';

/** Loads a run dir and computes its record from scratch (record writes it, verify compares against it). */
export async function computeRecord(runDir: string, options: Record<string, unknown>, io: CliIo): Promise<{ record: RunRecord; issues: ReturnType<typeof issue>[] }> {
  const loaded = await loadRun(runDir, runInputsOf(options), io);
  if (loaded.runDir === undefined) {
    throw new ShardwiseError(issue('SW_USAGE', `${runDir} is not a run dir`, { hint: 'give <work_dir>/<timestamp>' }));
  }
  const { rules, issues: ruleIssues } = loadMergeRules(loaded.settings.settings.merge?.rules ?? []);
  const merged: RecordMergedResult[] = mergeRun(loaded.runDir, loaded.experiment, loaded.plan, rules, loaded.counts).map((o) => {
    const text = o.status === 'merged' && o.result ? stringifyPyJson(o.result) : undefined;
    const metrics = o.result ? Object.fromEntries([...o.result].filter(([k, v]) => typeof k === 'string' && isPyNumber(v)).map(([k, v]) => [k as string, plainNumber(v as number)])) : {};
    return {
      model: o.model,
      dataset: o.dataset,
      status: o.status,
      sha256: text === undefined ? null : sha256Hex(text),
      ...(text !== undefined ? { metrics } : {}),
      ...(o.refusal ? { codes: [o.refusal.code] } : {}),
    };
  });
  const record = buildRunRecord({
    shardwiseVersion: VERSION,
    runDir: loaded.runDir,
    configFile: loaded.configFile,
    configFiles: loaded.configFiles,
    plan: loaded.plan,
    sizes: loaded.sizes,
    ruleTableFile: mergeRulesPath(),
    merged,
    summarizer: toPlainJson(summarizerConfig(loaded.experiment)) as Record<string, unknown>,
  });
  return { record, issues: [...loaded.issues, ...ruleIssues] };
}

/** Non-finite floats as the strings Python prints, so the record stays plain JSON. */
function plainNumber(v: number | bigint | boolean): number | string {
  const n = toJsNumber(v);
  return Number.isFinite(n) ? n : String(toPlainJson(n));
}

export const recordCommand: CommandModule = {
  spec: {
    name: 'record',
    summary: 'write a reproducibility record: configs, partitioners, sizes, plan, every file with its sha256',
    examples: ['shardwise record outputs/default/20250101_120000 --out run-record.json'],
  },
  options: (cmd) =>
    withRunInputs(cmd.argument('<run-dir>', 'the run dir <work_dir>/<timestamp>'))
      .option('--out <file>', `where to write the record (default: <run-dir>/${RECORD_FILE})`)
      .option('--force', 'replace an existing record')
      .option('--json', 'print a summary of the record as JSON'),
  run: async (args, options, io) => {
    const { record, issues } = await computeRecord(args[0]!, options, io);
    const problems = validateAgainst('record.schema.json', record);
    if (problems.length) throw new ShardwiseError(problems.map((p) => issue('SW_INTERNAL', `record ${p.pointer} ${p.message}`)));
    const out = typeof options['out'] === 'string' ? resolve(io.cwd, options['out']) : join(record.runDir, RECORD_FILE);
    const text = JSON.stringify(record, null, 2) + '\n';
    if (!(existsSync(out) && readFileSync(out, 'utf8') === text)) writeFileAtomic(out, text, { force: Boolean(options['force']) });
    const summary = { record: out, configFiles: record.configFiles.length, files: record.files.length, merged: record.merged.length, planSha256: record.planSha256 };
    return { issues, json: summary, text: `wrote ${out}: ${summary.files} run files, ${summary.configFiles} config files, ${summary.merged} merges, plan ${record.planSha256.slice(0, 12)}…` };
  },
};
