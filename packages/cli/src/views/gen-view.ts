import { relative, resolve } from 'node:path';
import type { Run } from '@shardwise/run';
import type { CliIo } from '../cli-io.js';
import type { CommandResult } from '../command-kit.js';
import { VERSION } from '../version.js';

/** Generates (or with `check` compares) numworker_summarizer.py and summarizer_config.py in `out`. */
export async function genView(run: Run, options: { out: string; check: boolean; force: boolean }, io: CliIo): Promise<CommandResult> {
  const outDir = resolve(io.cwd, options.out);
  const g = await run.gen({
    shardwiseVersion: VERSION,
    configLabel: relative(io.cwd, run.configFile) || run.configFile,
    outLabel: options.out,
    outDir,
    check: options.check,
    force: options.force,
  });
  if (options.check) {
    return {
      issues: g.issues,
      json: { outDir, files: g.files, upToDate: g.upToDate },
      text: g.upToDate ? `${g.files.join('\n')}: up to date` : undefined,
    };
  }
  const written = g.written ?? [];
  const text = [
    ...g.files.map((path) => `${written.includes(path) ? 'wrote' : 'unchanged'} ${path}`),
    `use: PYTHONPATH=${relative(io.cwd, outDir) || '.'}:$PYTHONPATH opencompass <config with summarizer_config.py> -m viz -r <timestamp>`,
  ].join('\n');
  return { issues: g.issues, json: { outDir, files: g.files, written, splitDatasets: g.splitDatasets }, text };
}
