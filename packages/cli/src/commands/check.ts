import { resolve } from 'node:path';
import type { CommandModule } from '../command-kit.js';
import { openRun, withRunOptions } from '../run-options.js';
import { checkView, reportFormatOf } from '../views/check-view.js';

export const checkCommand: CommandModule = {
  spec: {
    name: 'check',
    summary: 'hold a run dir against the plan: missing, stale or extra shards, pairing problems, fixes',
    examples: ['shardwise check outputs/default/20250101_120000', 'shardwise check outputs/default/20250101_120000 --report report.html'],
  },
  options: (cmd) =>
    withRunOptions(cmd.argument('<run-dir>', 'the run dir <work_dir>/<timestamp>'))
      .option('--report <file>', 'also write a report: .md, .html or .json by extension')
      .option('--force', 'replace an existing file that is not a report shardwise wrote (its own is replaced anyway)')
      .option('--json', 'print the findings as JSON'),
  run: async (args, options, io) => {
    const file = options['report'] !== undefined ? resolve(io.cwd, String(options['report'])) : undefined;
    const report = file !== undefined ? { file, format: reportFormatOf(file), force: Boolean(options['force']) } : undefined;
    return checkView(await openRun(args[0]!, options, io), report, Boolean(options['json']));
  },
};
