import { collectPairs, type CommandModule } from '../command-kit.js';
import { notYet } from '../not-yet.js';

export const planCommand: CommandModule = {
  spec: {
    name: 'plan',
    summary: 'derive the tasks and shard files OpenCompass will create for the infer and eval stages',
    examples: [
      'shardwise plan outputs/default/20250101_120000',
      'shardwise plan eval_gsm8k.py --size gsm8k=1319 --max-num-workers 8 --stage infer --json',
    ],
  },
  options: (cmd) =>
    cmd
      .argument('<config-or-run-dir>', 'a config .py, or a run dir <work_dir>/<timestamp> (its newest configs/*.py is used)')
      .option('--oc-root <dir>', 'folder that holds the opencompass/ package')
      .option('--dataset-size <file>', "OpenCompass's size cache (default: .cache/dataset_size.json where found)")
      .option('--size <ABBR=N>', 'rows of a dataset (repeatable)', collectPairs, [])
      .option('--work-dir <dir>', 'apply the skip rules to the outputs that already exist in this run dir')
      .option('--max-num-workers <n>', 'the --max-num-workers OpenCompass was launched with (default 1)')
      .option('--stage <stage>', 'infer, eval or all', 'all')
      .option('--json', 'print the plan as JSON'),
  run: notYet('plan'),
};
