import type { CommandModule } from '../command-kit.js';
import { notYet } from '../not-yet.js';

export const statusCommand: CommandModule = {
  spec: {
    name: 'status',
    summary: 'progress of a running evaluation: finished, failed and remaining shards per stage, and how to resume',
    examples: ['shardwise status outputs/default/20250101_120000', 'shardwise status outputs/default/20250101_120000 --watch'],
  },
  options: (cmd) =>
    cmd
      .argument('<run-dir>', 'the run dir <work_dir>/<timestamp>')
      .option('--config <file>', 'config to plan from (default: the newest configs/*.py in the run dir)')
      .option('--watch', 'refresh in place every few seconds (on a terminal)')
      .option('--json', 'print the status as JSON'),
  run: notYet('status'),
};
