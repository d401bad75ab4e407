import { resolve } from 'node:path';
import { Run } from '@shardwise/run';
import type { CommandModule } from '../command-kit.js';
import { runOptionsOf, withRunOptions } from '../run-options.js';
import { VERSION } from '../version.js';

export const verifyCommand: CommandModule = {
  spec: {
    name: 'verify',
    summary: 'recompute a reproducibility record and report every drift (exit 1 on any)',
    examples: ['shardwise verify run-record.json', 'shardwise verify run-record.json --run-dir /mnt/copy/20250101_120000'],
  },
  options: (cmd) =>
    withRunOptions(cmd.argument('<record>', 'a record written by shardwise record'), { recorded: true })
      .option('--run-dir <dir>', 'the run dir to verify (default: the one named in the record)')
      .option('--json', 'print the drift as JSON'),
  run: async (args, options, io) => {
    const file = resolve(io.cwd, args[0]!);
    // The record's own run options are reused; those given here override them.
    const context = {
      cwd: io.cwd,
      shardwiseVersion: VERSION,
      ...(typeof options['runDir'] === 'string' ? { runDir: resolve(io.cwd, options['runDir']) } : {}),
    };
    const v = await Run.verify(file, runOptionsOf(options, io), context);
    return {
      issues: v.issues,
      json: { record: v.record, runDir: v.runDir, drift: v.issues.length },
      text: v.issues.length ? undefined : `${v.runDir} matches ${file}`,
      tally: true,
    };
  },
};
