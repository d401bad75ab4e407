import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { issue, ShardwiseError, validateAgainst, type RunRecord } from '@shardwise/core';
import { diffRunRecords, digestRunFiles, resolveRecordPath } from '@shardwise/generate';
import type { CommandModule } from '../command-kit.js';
import { computeRecord } from './record.js';

export const verifyCommand: CommandModule = {
  spec: {
    name: 'verify',
    summary: 'recompute a reproducibility record and report every drift (exit 1 on any)',
    examples: ['shardwise verify run-record.json', 'shardwise verify run-record.json --run-dir /mnt/copy/20250101_120000'],
  },
  options: (cmd) =>
    cmd
      .argument('<record>', 'a record written by shardwise record')
      .option('--run-dir <dir>', 'the run dir to verify (default: the one named in the record)')
      .option('--json', 'print the drift as JSON'),
  run: async (args, options, io) => {
    const file = resolve(io.cwd, args[0]!);
    const recorded = readRecord(file);
    const runDir = typeof options['runDir'] === 'string' ? resolve(io.cwd, options['runDir']) : recorded.runDir;
    const config = resolveRecordPath(runDir, recorded.configFile);
    const gone = recorded.configFiles.map((f) => resolveRecordPath(runDir, f.path)).filter((f) => !existsSync(f));
    if (gone.length) {
      // Without its config closure nothing can be re-planned; the run files can still be compared.
      const files = diffRunRecords(recorded, { ...recorded, files: digestRunFiles(runDir) }).filter((i) => i.code.startsWith('SW_RECORD_FILE_'));
      const issues = [
        ...gone.map((f) => issue('SW_RECORD_CONFIG_DRIFT', `the recorded config file ${f} is gone`, { file: f, hint: 'restore it; nothing else can be re-planned without the whole config' })),
        ...files,
      ];
      return { issues, json: { record: file, runDir, drift: issues.length }, tally: true };
    }
    const { record: fresh } = await computeRecord(runDir, { config }, io);
    const issues = diffRunRecords(recorded, { ...fresh, runDir: recorded.runDir });
    return { issues, json: { record: file, runDir, drift: issues.length }, text: issues.length ? undefined : `${runDir} matches ${file}`, tally: true };
  },
};

function readRecord(file: string): RunRecord {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ShardwiseError(issue('SW_RECORD_INVALID', `cannot read ${file}: ${(e as Error).message}`, { file, hint: "give a file written by 'shardwise record'" }));
  }
  const problems = validateAgainst('record.schema.json', value);
  if (problems.length) {
    throw new ShardwiseError(problems.map((p) => issue('SW_RECORD_INVALID', `${p.pointer || '(top level)'} ${p.message}`, { file, hint: "give a file written by 'shardwise record'" })));
  }
  return value as RunRecord;
}
