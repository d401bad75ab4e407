import type { CommandModule } from '../command-kit.js';
import { notYet } from '../not-yet.js';

export const checkCommand: CommandModule = {
  spec: {
    name: 'check',
    summary: 'hold a run dir against the plan: missing, stale or extra shards, pairing problems, fixes',
    examples: ['shardwise check outputs/default/20250101_120000', 'shardwise check outputs/default/20250101_120000 --report report.html'],
  },
  options: (cmd) =>
    cmd
      .argument('<run-dir>', 'the run dir <work_dir>/<timestamp>')
      .option('--config <file>', 'config to plan from (default: the newest configs/*.py in the run dir)')
      .option('--report <file>', 'also write a report: .md, .html or .json by extension')
      .option('--json', 'print the findings as JSON'),
  run: notYet('check'),
};
