import type { CommandModule } from '../command-kit.js';
import { openRun, withRunOptions } from '../run-options.js';
import { mergeView } from '../views/merge-view.js';

export const mergeCommand: CommandModule = {
  spec: {
    name: 'merge',
    summary: 'merge shard results into the unsplit results OpenCompass would have written (dry run unless --write)',
    examples: ['shardwise merge outputs/default/20250101_120000', 'shardwise merge outputs/default/20250101_120000 --write'],
  },
  options: (cmd) =>
    withRunOptions(cmd.argument('<run-dir>', 'the run dir <work_dir>/<timestamp>'))
      .option('--write', 'write results/<m>/<abbr>.json and their .shardwise.json sidecars (atomically)')
      .option('--force', 'replace existing unsplit result files')
      .option('--json', 'print what was (or would be) merged as JSON'),
  run: async (args, options, io) => {
    const run = await openRun(args[0]!, options, io);
    return mergeView(
      run,
      { write: Boolean(options['write']), force: Boolean(options['force']), output: options['json'] ? 'json' : 'stream' },
      io,
    ).result;
  },
};
