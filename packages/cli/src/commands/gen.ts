import type { CommandModule } from '../command-kit.js';
import { notYet } from '../not-yet.js';

export const genCommand: CommandModule = {
  spec: {
    name: 'gen',
    summary: 'generate numworker_summarizer.py and summarizer_config.py matched to this experiment',
    examples: ['shardwise gen outputs/default/20250101_120000 --out shardwise_out', 'shardwise gen eval_gsm8k.py --out shardwise_out --check'],
  },
  options: (cmd) =>
    cmd
      .argument('<config-or-run-dir>', 'a config .py or a run dir')
      .option('--out <dir>', 'output folder', '.')
      .option('--check', 'exit 1 when the files on disk differ from a fresh generation (writes nothing)')
      .option('--json', 'print what was generated as JSON'),
  run: notYet('gen'),
};
