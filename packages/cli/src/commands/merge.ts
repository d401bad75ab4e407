import type { CommandModule } from '../command-kit.js';
import { notYet } from '../not-yet.js';

export const mergeCommand: CommandModule = {
  spec: {
    name: 'merge',
    summary: 'merge shard results into the unsplit results OpenCompass would have written (dry run unless --write)',
    examples: ['shardwise merge outputs/default/20250101_120000', 'shardwise merge outputs/default/20250101_120000 --write'],
  },
  options: (cmd) =>
    cmd
      .argument('<run-dir>', 'the run dir <work_dir>/<timestamp>')
      .option('--config <file>', 'config to plan from (default: the newest configs/*.py in the run dir)')
      .option('--write', 'write results/<m>/<abbr>.json and their .shardwise.json sidecars (atomically)')
      .option('--force', 'replace existing unsplit result files')
      .option('--json', 'print what was (or would be) merged as JSON'),
  run: notYet('merge'),
};
