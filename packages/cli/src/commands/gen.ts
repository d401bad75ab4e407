import type { CommandModule } from '../command-kit.js';
import { openRun, withRunOptions } from '../run-options.js';
import { genView } from '../views/gen-view.js';

export const genCommand: CommandModule = {
  spec: {
    name: 'gen',
    summary: 'generate numworker_summarizer.py and summarizer_config.py matched to this experiment',
    examples: [
      'shardwise gen outputs/default/20250101_120000 --out shardwise_out',
      'shardwise gen eval_gsm8k.py --out shardwise_out --check',
    ],
  },
  options: (cmd) =>
    withRunOptions(cmd.argument('<config-or-run-dir>', 'a config .py or a run dir'))
      .option('--out <dir>', 'output folder', '.')
      .option('--check', 'exit 1 when the files on disk differ from a fresh generation (writes nothing)')
      .option('--force', 'replace generated files that differ')
      .option('--json', 'print what was generated as JSON'),
  run: async (args, options, io) => {
    const run = await openRun(args[0]!, options, io);
    return genView(
      run,
      {
        out: typeof options['out'] === 'string' ? options['out'] : '.',
        check: Boolean(options['check']),
        force: Boolean(options['force']),
      },
      io,
    );
  },
};
