import { resolve } from 'node:path';
import { RECORD_FILE } from '@shardwise/run';
import type { CommandModule } from '../command-kit.js';
import { openRun, withRunOptions } from '../run-options.js';
import { VERSION } from '../version.js';

export const recordCommand: CommandModule = {
  spec: {
    name: 'record',
    summary: 'write a reproducibility record: configs, partitioners, sizes, plan, every file with its sha256',
    examples: ['shardwise record outputs/default/20250101_120000 --out run-record.json'],
  },
  options: (cmd) =>
    withRunOptions(cmd.argument('<run-dir>', 'the run dir <work_dir>/<timestamp>'))
      .option('--out <file>', `where to write the record (default: <run-dir>/${RECORD_FILE})`)
      .option('--force', 'replace an existing record')
      .option('--json', 'print a summary of the record as JSON'),
  run: async (args, options, io) => {
    const run = await openRun(args[0]!, options, io);
    const out = typeof options['out'] === 'string' ? resolve(io.cwd, options['out']) : true;
    const { record, issues, file } = await run.record({ shardwiseVersion: VERSION, out, force: Boolean(options['force']) });
    const summary = {
      record: file,
      configFiles: record.configFiles.length,
      files: record.files.length,
      merged: record.merged.length,
      planSha256: record.planSha256,
    };
    return {
      issues,
      json: summary,
      text: `wrote ${file}: ${summary.files} run files, ${summary.configFiles} config files, ${summary.merged} merges, plan ${record.planSha256.slice(0, 12)}…`,
    };
  },
};
