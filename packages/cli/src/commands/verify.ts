import type { CommandModule } from '../command-kit.js';
import { notYet } from '../not-yet.js';

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
  run: notYet('verify'),
};
