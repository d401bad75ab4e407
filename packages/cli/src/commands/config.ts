import { collectPairs, type CommandModule } from '../command-kit.js';
import { notYet } from '../not-yet.js';

export const configCommand: CommandModule = {
  spec: {
    name: 'config',
    summary: 'evaluate an OpenCompass config statically (never runs it) and print what OpenCompass would see',
    examples: ['shardwise config examples/demo/eval_demo.py', 'shardwise config my_eval.py --oc-root ~/opencompass --env TOKENIZER_MODEL=gpt-4 --json'],
  },
  options: (cmd) =>
    cmd
      .argument('<file>', 'the config .py (a user config or a dumped configs/<ts>_<pid>.py)')
      .option('--oc-root <dir>', 'folder that holds the opencompass/ package (for opencompass.configs.… imports)')
      .option('--env <KEY=VALUE>', 'environment seen by os.environ.get (repeatable; the real environment is never read)', collectPairs, [])
      .option('--json', 'print the evaluated namespace as JSON'),
  run: notYet('config'),
};
