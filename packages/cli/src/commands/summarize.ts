import { resolve } from 'node:path';
import type { CommandModule } from '../command-kit.js';
import { openRun, withRunOptions } from '../run-options.js';
import { nowTimeStr, summarizeView } from '../views/summarize-view.js';

export const summarizeCommand: CommandModule = {
  spec: {
    name: 'summarize',
    summary: "write summary_<ts>.txt/.csv/.md byte-identical to OpenCompass's DefaultSummarizer, with shards merged",
    examples: [
      'shardwise summarize outputs/default/20250101_120000',
      'shardwise summarize outputs/default/20250101_120000 --out /tmp/summary --time-str 20250102_000000',
    ],
  },
  options: (cmd) =>
    withRunOptions(cmd.argument('<run-dir>', 'the run dir <work_dir>/<timestamp>'))
      .option('--out <dir>', 'folder for the summary files (default: <run-dir>/summary)')
      .option('--time-str <ts>', 'the time string in file names and the first line (default: now, %Y%m%d_%H%M%S)')
      .option('--json', 'print the table and the reason behind every "-" as JSON'),
  run: async (args, options, io) => {
    const run = await openRun(args[0]!, options, io);
    const timeStr = options['timeStr'] !== undefined ? String(options['timeStr']) : nowTimeStr();
    return summarizeView(run, { timeStr, ...(options['out'] !== undefined ? { outDir: resolve(io.cwd, String(options['out'])) } : {}) });
  },
};
