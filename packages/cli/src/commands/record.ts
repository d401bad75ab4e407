import type { CommandModule } from '../command-kit.js';
import { notYet } from '../not-yet.js';

export const recordCommand: CommandModule = {
  spec: {
    name: 'record',
    summary: 'write a reproducibility record: configs, partitioners, sizes, plan, every file with its sha256',
    examples: ['shardwise record outputs/default/20250101_120000 --out run-record.json'],
  },
  options: (cmd) =>
    cmd
      .argument('<run-dir>', 'the run dir <work_dir>/<timestamp>')
      .option('--config <file>', 'config to plan from (default: the newest configs/*.py in the run dir)')
      .option('--out <file>', 'where to write the record (default: <run-dir>/shardwise-record.json)')
      .option('--force', 'replace an existing record')
      .option('--json', 'print a summary of the record as JSON'),
  run: notYet('record'),
};
