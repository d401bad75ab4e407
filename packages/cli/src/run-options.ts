import type { Command } from 'commander';
import type { Run } from '@shardwise/run';
import { parseRunOptions, type RunOptions } from '@shardwise/run/options';
import type { CliIo } from './cli-io.js';

/** `--env KEY=VALUE` / `--size ABBR=N` collector for repeatable options. */
export function collectPairs(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * The one declaration of the options every command that reads a run or a config shares (RunOptions);
 * `--work-dir` only where the resume skips apply (plan); `recorded` where the defaults are a record's (verify).
 */
export function withRunOptions(
  cmd: Command,
  { workDir = false, recorded = false }: { workDir?: boolean; recorded?: boolean } = {},
): Command {
  cmd
    .option(
      '--config <file>',
      recorded
        ? 'config to plan from (default: the one the record names)'
        : 'config to plan from (default: the newest configs/*.py in the run dir)',
    )
    .option('--oc-root <dir>', 'folder that holds the opencompass/ package')
    .option(
      '--env <KEY=VALUE>',
      'environment seen by os.environ.get in the config (repeatable; the real environment is never read)',
      collectPairs,
      [],
    )
    .option('--size <ABBR=N>', 'rows of one replica of a dataset before its test_range (repeatable)', collectPairs, [])
    .option('--dataset-size <file>', "OpenCompass's size cache (default: .cache/dataset_size.json where found)")
    .option('--max-num-workers <n>', 'the --max-num-workers OpenCompass was launched with (default 1)');
  return workDir ? cmd.option('--work-dir <dir>', 'apply the skip rules to the outputs that already exist in this run dir') : cmd;
}

/** The shared options as commander parsed them, checked and resolved against the working folder. */
export function runOptionsOf(options: Record<string, unknown>, io: CliIo): RunOptions {
  const text = (k: string) => (typeof options[k] === 'string' ? { [k]: options[k] } : {});
  const list = (k: string) => (Array.isArray(options[k]) ? { [k]: options[k] as string[] } : {});
  return parseRunOptions(
    {
      ...text('config'),
      ...text('ocRoot'),
      ...list('env'),
      ...list('size'),
      ...text('datasetSize'),
      ...text('maxNumWorkers'),
      ...text('workDir'),
    },
    io.cwd,
  );
}

/**
 * Opens the command's target with its shared run options. The run library is imported here, not at the top:
 * `config` shares the option helpers above and reads a config without it.
 */
export async function openRun(target: string, options: Record<string, unknown>, io: CliIo): Promise<Run> {
  const { Run } = await import('@shardwise/run');
  return Run.open(target, runOptionsOf(options, io), io.cwd);
}
