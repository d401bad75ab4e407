import { issue, ShardwiseError } from '@shardwise/core';
import type { CommandModule } from '../command-kit.js';
import { openRun, withRunOptions } from '../run-options.js';
import { planView, STAGES } from '../views/plan-view.js';

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
    withRunOptions(
      cmd.argument('<config-or-run-dir>', 'a config .py, or a run dir <work_dir>/<timestamp> (its newest configs/*.py is used)'),
      { workDir: true },
    )
      .option('--stage <stage>', 'infer, eval or all', 'all')
      .option('--json', 'print the plan as JSON'),
  run: async (args, options, io) => {
    const stage = String(options['stage']);
    if (!Object.hasOwn(STAGES, stage)) {
      throw new ShardwiseError(
        issue('SW_USAGE', `--stage ${stage}: expected infer, eval or all`, { hint: 'use --stage infer, --stage eval or --stage all' }),
      );
    }
    return planView(await openRun(args[0]!, options, io), stage as keyof typeof STAGES);
  },
};
