import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { issue, ShardwiseError, type StagePlan } from '@shardwise/core';
import { planStages } from '@shardwise/plan';
import { collectPairs, type CommandModule } from '../command-kit.js';
import { loadRun } from '../load-run.js';

const STAGES = { infer: ['infer'], eval: ['eval'], all: ['infer', 'eval'] } as const;

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
      .option('--size <ABBR=N>', 'rows of one replica of a dataset before its test_range (repeatable)', collectPairs, [])
      .option('--work-dir <dir>', 'apply the skip rules to the outputs that already exist in this run dir')
      .option('--max-num-workers <n>', 'the --max-num-workers OpenCompass was launched with (default 1)')
      .option('--stage <stage>', 'infer, eval or all', 'all')
      .option('--json', 'print the plan as JSON'),
  run: async (args, options, io) => {
    const stageOpt = String(options['stage']);
    if (!Object.hasOwn(STAGES, stageOpt)) {
      throw new ShardwiseError(issue('SW_USAGE', `--stage ${stageOpt}: expected infer, eval or all`, { hint: 'use --stage infer, --stage eval or --stage all' }));
    }
    const loaded = await loadRun(args[0]!, inputsOf(options), io);
    const workDir = options['workDir'] !== undefined ? resolve(io.cwd, String(options['workDir'])) : undefined;
    const plan = workDir ? planStages(loaded.experiment, loaded.sizes, { existing: (rel) => existsSync(join(workDir, rel)) }) : loaded.plan;
    const wanted = STAGES[stageOpt as keyof typeof STAGES];
    const stages = Object.fromEntries(wanted.map((s) => [s, plan.stages[s]]));
    const planIssues = workDir ? plan.issues : [];
    return {
      issues: [...loaded.issues, ...planIssues],
      json: { stages, sizes: plan.sizes, assumptions: plan.assumptions },
      text: wanted.map((s) => stageText(s, plan.stages[s]!)).join('\n'),
    };
  },
};

/** The options plan and check share with loadRun. */
export function inputsOf(options: Record<string, unknown>) {
  const str = (k: string) => (options[k] === undefined ? {} : { [k]: String(options[k]) });
  return {
    ...str('config'), ...str('ocRoot'), ...str('datasetSize'), ...str('maxNumWorkers'),
    ...(Array.isArray(options['size']) ? { sizes: options['size'] as string[] } : {}),
  };
}

/** A readable table of one stage: partitioner, tasks in creation order, and files. */
export function stageText(stage: string, p: StagePlan): string {
  const args = Object.entries(p.partitioner.args).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
  const head = `${stage}: ${p.partitioner.type}(${args})${p.partitioner.assumed ? '  [not in the config: OpenCompass CLI default]' : ''}`;
  const tasks = table(['task', 'model', 'datasets'], p.tasks.map((t, i) => [String(i), t.model, t.datasets.map(([a, r]) => (r === null ? a : `${a} ${r}`)).join(', ')]));
  const files = table(['model', 'dataset', 'file', 'rows', 'start', 'end'], p.files.map((f) => [f.model, f.dataset, f.path, String(f.size), String(f.start), String(f.end)]));
  return `${head}\n  ${p.tasks.length} task(s), ${p.files.length} file(s)\n\n${indent(tasks)}\n\n${indent(files)}\n`;
}

/** Columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}
