import { dirname, resolve } from 'node:path';
import { discoverSettings, dig, PyDict, sequenceItems, ShardwiseError, type PyValue } from '@shardwise/core';
import { discoverOcRoot, isUnreadableConfig, readConfig, toPyJson } from '@shardwise/pyconfig';
import { parseEnvOptions } from '@shardwise/run/options';
import type { CommandModule, CommandResult } from '../command-kit.js';
import type { CliIo } from '../cli-io.js';
import { collectPairs } from '../run-options.js';

interface ConfigOptions {
  ocRoot?: string;
  env?: string[];
  json?: boolean;
}

export const configCommand: CommandModule = {
  spec: {
    name: 'config',
    summary: 'evaluate an OpenCompass config statically (never runs it) and print what OpenCompass would see',
    examples: [
      'shardwise config examples/demo/eval_demo.py',
      'shardwise config my_eval.py --oc-root ~/opencompass --env TOKENIZER_MODEL=gpt-4 --json',
    ],
  },
  options: (cmd) =>
    cmd
      .argument('<file>', 'the config .py (a user config or a dumped configs/<ts>_<pid>.py)')
      .option('--oc-root <dir>', 'folder that holds the opencompass/ package (for opencompass.configs.… imports)')
      .option('--env <KEY=VALUE>', 'environment seen by os.environ.get (repeatable; the real environment is never read)', collectPairs, [])
      .option('--json', 'print the evaluated namespace as JSON'),
  run: async (args, options, io) => runConfig(args[0]!, options, io),
};

async function runConfig(target: string, options: ConfigOptions, io: CliIo): Promise<CommandResult> {
  const file = resolve(io.cwd, target);
  const settings = discoverSettings(dirname(file));
  const settingsDir = settings.file ? dirname(settings.file) : io.cwd;
  const tomlRoot = settings.settings.opencompass?.root;
  // --oc-root, else the checkout the config sits in, else shardwise.toml (relative to the toml file).
  const ocRoot =
    options.ocRoot !== undefined
      ? resolve(io.cwd, options.ocRoot)
      : (discoverOcRoot(file) ?? (tomlRoot !== undefined ? resolve(settingsDir, tomlRoot) : undefined));
  const env = { ...(settings.settings.env ?? {}), ...parseEnvOptions(options.env ?? []) };
  const read = await readConfig(file, { ...(ocRoot !== undefined ? { ocRoot } : {}), env, cwd: io.cwd });
  // Not Python at all: unreadable input (exit 2), as for plan and the other commands.
  if (isUnreadableConfig(read)) throw new ShardwiseError(read.issues);
  const issues = read.issues;
  if (options.json) {
    const members = [
      `"namespace": ${read.namespace ? toPyJson(read.namespace, 2, 1) : 'null'}`,
      `"files": ${indented(read.files)}`,
      `"envRead": ${indented(read.envRead)}`,
      `"issues": ${indented(issues)}`,
    ];
    return { issues, jsonText: `{\n  ${members.join(',\n  ')}\n}` };
  }
  return { issues, text: read.namespace ? summary(read.namespace, read.files.length) : '', tally: true };
}

function indented(v: unknown): string {
  return JSON.stringify(v, null, 2).replace(/\n/g, '\n  ');
}

const text = (v: PyValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** The short human view: models, datasets, partitioners, summarizer. */
function summary(ns: PyDict, fileCount: number): string {
  const models = sequenceItems(ns.get('models')) ?? [];
  const datasets = sequenceItems(ns.get('datasets')) ?? [];
  const abbr = (d: PyValue) => text(dig(d, 'abbr')) ?? '(no abbr)';
  const partitioner = (stage: string) => {
    const type = text(dig(ns.get(stage), 'partitioner', 'type'));
    if (!type) return 'not set (OpenCompass default)';
    const p = dig(ns.get(stage), 'partitioner') as PyDict;
    const extras = ['num_worker', 'max_task_size', 'gen_task_coef'].filter((k) => p.has(k)).map((k) => `${k}=${String(p.get(k))}`);
    return [type.split('.').pop(), ...extras].join(' ');
  };
  const summarizer = ns.get('summarizer');
  const lines = [
    `models (${models.length}): ${models.map(abbr).join(', ') || '-'}`,
    `datasets (${datasets.length}): ${datasets.map(abbr).join(', ') || '-'}`,
    `infer partitioner: ${partitioner('infer')}`,
    `eval partitioner: ${partitioner('eval')}`,
    `summarizer: ${summarizer instanceof PyDict ? (text(summarizer.get('type'))?.split('.').pop() ?? 'DefaultSummarizer (default type)') : 'none'}`,
    `work_dir: ${text(ns.get('work_dir')) ?? 'not set (outputs/default)'}`,
    `files read: ${fileCount}`,
  ];
  return lines.join('\n');
}
