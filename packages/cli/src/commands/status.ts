import type { CommandModule } from '../command-kit.js';
import { openRun, withRunOptions } from '../run-options.js';
import { statusView, WATCH_INTERVAL_S, WATCH_MAX_REFRESHES } from '../views/status-view.js';

export const statusCommand: CommandModule = {
  spec: {
    name: 'status',
    summary: 'progress of a running evaluation: finished, failed and remaining shards per stage, and how to resume',
    examples: ['shardwise status outputs/default/20250101_120000', 'shardwise status outputs/default/20250101_120000 --watch'],
  },
  options: (cmd) =>
    withRunOptions(cmd.argument('<run-dir>', 'the run dir <work_dir>/<timestamp>'))
      .option('--watch', 'refresh in place every 2 s on a terminal, until the run is complete or Ctrl-C')
      .option('--interval <seconds>', 'seconds between refreshes with --watch', String(WATCH_INTERVAL_S))
      .option('--max-refreshes <n>', 'stop --watch after this many refreshes', String(WATCH_MAX_REFRESHES))
      .option('--json', 'print the status as JSON'),
  run: async (args, options, io) => {
    const run = await openRun(args[0]!, options, io);
    return statusView(
      run,
      {
        watch: Boolean(options['watch']),
        json: Boolean(options['json']),
        interval: options['interval'],
        maxRefreshes: options['maxRefreshes'],
      },
      io,
    );
  },
};
