import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { issue, writeFileAtomic, type Issue } from '@shardwise/core';
import { checkGeneratedFiles, generateSummarizerFiles, modulePlanOf, tomlRulesOf } from '@shardwise/generate';
import { loadMergeRules, mergeRulesPath } from '@shardwise/merge';
import type { Command } from 'commander';
import { collectPairs, type CommandModule } from '../command-kit.js';
import type { CliIo } from '../cli-io.js';
import { loadRun, type LoadedRun, type RunInputs } from '../load-run.js';
import { VERSION } from '../version.js';

/** The options that say how to read a run (shared by gen and record). */
export function withRunInputs(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'config to plan from (default: the newest configs/*.py in the run dir)')
    .option('--oc-root <dir>', 'folder that holds the opencompass/ package')
    .option('--dataset-size <file>', "OpenCompass's size cache (default: .cache/dataset_size.json where found)")
    .option('--size <ABBR=N>', 'rows of a dataset (repeatable)', collectPairs, [])
    .option('--max-num-workers <n>', 'the --max-num-workers OpenCompass was launched with (default 1)');
}

export function runInputsOf(options: Record<string, unknown>): RunInputs {
  const pick = (k: string) => (typeof options[k] === 'string' ? { [k]: options[k] } : {});
  return { ...pick('config'), ...pick('ocRoot'), ...pick('datasetSize'), ...pick('maxNumWorkers'), sizes: (options['size'] as string[] | undefined) ?? [] };
}

/** Loads the run and renders both files; shared by `gen` and `record` (which records the summarizer). */
export async function loadAndGenerate(target: string, options: Record<string, unknown>, io: CliIo): Promise<{ loaded: LoadedRun; outDir: string; files: ReturnType<typeof generateSummarizerFiles> }> {
  const loaded = await loadRun(target, runInputsOf(options), io);
  const out = typeof options['out'] === 'string' ? options['out'] : '.';
  const files = generateSummarizerFiles({
    shardwiseVersion: VERSION,
    experiment: loaded.experiment,
    plan: loaded.plan,
    rulesText: readFileSync(mergeRulesPath(), 'utf8'),
    userRules: tomlRulesOf(loadMergeRules(loaded.settings.settings.merge?.rules ?? []).rules),
    configLabel: relative(io.cwd, loaded.configFile) || loaded.configFile,
    outDir: out,
  });
  return { loaded, outDir: resolve(io.cwd, out), files };
}

export const genCommand: CommandModule = {
  spec: {
    name: 'gen',
    summary: 'generate numworker_summarizer.py and summarizer_config.py matched to this experiment',
    examples: ['shardwise gen outputs/default/20250101_120000 --out shardwise_out', 'shardwise gen eval_gsm8k.py --out shardwise_out --check'],
  },
  options: (cmd) =>
    withRunInputs(cmd.argument('<config-or-run-dir>', 'a config .py or a run dir'))
      .option('--out <dir>', 'output folder', '.')
      .option('--check', 'exit 1 when the files on disk differ from a fresh generation (writes nothing)')
      .option('--force', 'replace generated files that differ')
      .option('--json', 'print what was generated as JSON'),
  run: async (args, options, io) => {
    const { loaded, outDir, files } = await loadAndGenerate(args[0]!, options, io);
    const issues: Issue[] = [...loaded.issues];
    const split = modulePlanOf(loaded.experiment, loaded.plan).merges.length;
    if (!split) issues.push(issue('SW_GEN_NOTHING_SPLIT', 'no dataset is split in the eval stage: the summarizer reads results like DefaultSummarizer', { file: loaded.configFile }));
    const paths = files.map((f) => join(outDir, f.name));
    if (options['check']) {
      const drift = checkGeneratedFiles(outDir, files);
      return { issues: [...issues, ...drift], json: { outDir, files: paths, upToDate: drift.length === 0 }, text: drift.length ? undefined : `${paths.join('\n')}: up to date` };
    }
    const written: string[] = [];
    for (const [i, f] of files.entries()) {
      const path = paths[i]!;
      if (existsSync(path) && readFileSync(path, 'utf8') === f.text) continue;
      writeFileAtomic(path, f.text, { force: Boolean(options['force']) });
      written.push(path);
    }
    const text = [
      ...paths.map((path) => `${written.includes(path) ? 'wrote' : 'unchanged'} ${path}`),
      `use: PYTHONPATH=${relative(io.cwd, outDir) || '.'}:$PYTHONPATH opencompass <config with summarizer_config.py> -m viz -r <timestamp>`,
    ].join('\n');
    return { issues, json: { outDir, files: paths, written, splitDatasets: split }, text };
  },
};
