import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { assetPath, hasErrors, issue, renderIssues, ShardwiseError, type Issue } from '@shardwise/core';
import { useColor, type CliIo } from '../cli-io.js';
import type { CommandModule, CommandResult } from '../command-kit.js';
import { EXIT } from '../exit-codes.js';
import { createProgress } from '../progress.js';
import { checkCommand } from './check.js';
import { genCommand } from './gen.js';
import { mergeCommand } from './merge.js';
import { planCommand } from './plan.js';
import { statusCommand } from './status.js';
import { summarizeCommand } from './summarize.js';

/** The run dir inside the embedded run's launch folder (examples/demo, shipped with shardwise). */
const DEMO_RUN = 'outputs/demo/20250101_120000';
/** A step's human output is cut to this many lines; the command itself shows everything. */
const STEP_TEXT_LINES = 30;

/** The story, in order: each step is a real command run on the copy, with the arguments a user would type. */
const STEPS: { module: CommandModule; argv: string[]; why: string; json?: true }[] = [
  { module: planCommand, argv: [DEMO_RUN], why: 'which shards OpenCompass created for each stage' },
  { module: statusCommand, argv: [DEMO_RUN], why: 'which tasks finished, which failed, how to resume' },
  { module: checkCommand, argv: [DEMO_RUN], why: 'the run held against the plan' },
  // merge streams its human output unless asked for JSON; with JSON its result carries both.
  { module: mergeCommand, argv: [DEMO_RUN], why: 'what can be merged exactly (dry run: nothing is written)', json: true },
  { module: mergeCommand, argv: [DEMO_RUN, '--write'], why: 'write the merged results into the copy', json: true },
  { module: summarizeCommand, argv: [DEMO_RUN], why: "OpenCompass's summary table, now with merged numbers" },
  { module: genCommand, argv: [DEMO_RUN, '--out', 'shardwise_out'], why: 'the NumWorkerSummarizer for OpenCompass itself' },
];

interface StepReport {
  command: string;
  why: string;
  /** What the command would exit with on its own: 0 clean, 1 error findings, 2 unreadable input. */
  exitCode?: number;
  issues: Issue[];
  json?: Record<string, unknown>;
  text?: string;
}

export const demoCommand: CommandModule = {
  spec: {
    name: 'demo',
    summary: 'run plan → status → check → merge → summarize → gen on a copy of the embedded example run (needs nothing but shardwise)',
    examples: ['shardwise demo', 'shardwise demo --out /tmp/shardwise-demo --json'],
  },
  options: (cmd) =>
    cmd
      .option('--out <dir>', 'where to put the copy of the example run (default: a new folder under the system temp dir)')
      .option('--json', 'print every step as JSON'),
  run: async (_args, options, io) => {
    const launch = copyDemo(typeof options['out'] === 'string' ? resolve(io.cwd, options['out']) : undefined);
    const stepIo: CliIo = { ...io, cwd: launch, stdout: () => {}, stderr: () => {}, stderrIsTTY: false };
    const progress = createProgress(io, { label: 'demo', total: STEPS.length, quiet: Boolean(options['quiet']), json: Boolean(options['json']) });
    const steps: StepReport[] = [];
    for (const step of STEPS) {
      steps.push(await runStep(step, stepIo));
      progress.tick();
    }
    progress.done();
    const issues = steps.filter((s) => s.exitCode === EXIT.usage || s.exitCode === EXIT.internal).flatMap((s) => s.issues);
    const refusals = refusalsOf(steps);
    const result: CommandResult = { issues, json: { launchDir: launch, runDir: join(launch, DEMO_RUN), refusals, steps: steps.map(({ text: _text, ...rest }) => rest) } };
    return { ...result, text: renderDemo(steps, refusals, launch, useColor(io, 'stdout')) };
  },
};

/** A dataset the merge refused: why, and how to get its exact unsplit value instead. */
interface DemoRefusal {
  model: string;
  dataset: string;
  code: string;
  reason: string;
  fix: string;
  /** What must hold before `command` gives the unsplit value (from merge's re-evaluation plan). */
  before: string[];
  /** The exact OpenCompass command, when re-evaluation resolves the refusal. */
  command?: string;
}

interface MergeOutcomeJson {
  model: string;
  dataset: string;
  status: string;
  refusal?: { code: string; reason: string; fix: string };
  reevaluation?: { command: string; prerequisites: string[] };
}

/** The refusals of the last merge step: every summary cell left '-' on purpose, with the way out. */
function refusalsOf(steps: StepReport[]): DemoRefusal[] {
  const merge = steps.filter((s) => s.command.startsWith('shardwise merge') && s.json).at(-1);
  const outcomes = (merge?.json?.['outcomes'] ?? []) as MergeOutcomeJson[];
  return outcomes.flatMap((o) =>
    o.status === 'refused' && o.refusal
      ? [{ model: o.model, dataset: o.dataset, code: o.refusal.code, reason: o.refusal.reason, fix: o.refusal.fix, before: o.reevaluation?.prerequisites ?? [], ...(o.reevaluation ? { command: o.reevaluation.command } : {}) }]
      : [],
  );
}

/** Copies examples/demo's run and size cache into a fresh folder (refuses a non-empty --out). */
function copyDemo(out: string | undefined): string {
  const source = assetPath('demo');
  if (!existsSync(join(source, DEMO_RUN))) {
    throw new ShardwiseError(issue('SW_FILE_UNREADABLE', `the embedded demo run is missing: ${join(source, DEMO_RUN)}`, { file: source, hint: 'reinstall shardwise (examples/demo is part of the repository and of the installed package)' }));
  }
  if (out !== undefined && existsSync(out) && readdirSync(out).length) {
    throw new ShardwiseError(issue('SW_WRITE_REFUSED', `${out} is not empty`, { file: out, hint: 'give --out a new or empty folder' }));
  }
  const launch = out ?? mkdtempSync(join(tmpdir(), 'shardwise-demo-'));
  mkdirSync(launch, { recursive: true });
  for (const part of ['.cache', 'outputs']) cpSync(join(source, part), join(launch, part), { recursive: true });
  return launch;
}

/** Runs one command's own `run` with its options parsed exactly as the CLI would parse `argv`. */
async function runStep({ module, argv, why, json }: (typeof STEPS)[number], io: CliIo): Promise<StepReport> {
  const command = `shardwise ${module.spec.name} ${argv.join(' ')}`;
  const cmd = module.options(new Command(module.spec.name)).exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  cmd.action(() => {});
  await cmd.parseAsync(argv, { from: 'user' });
  try {
    const result = await module.run(cmd.args, json ? { ...cmd.opts(), json } : cmd.opts(), io);
    const fields = result.json ?? (json && result.jsonText !== undefined ? jsonFields(result.jsonText) : undefined);
    return {
      command,
      why,
      exitCode: hasErrors(result.issues) ? EXIT.issues : EXIT.clean,
      issues: result.issues,
      ...(fields ? { json: fields } : {}),
      ...(result.text ? { text: result.text } : {}),
    };
  } catch (e) {
    // A bug in one command must not hide what the other steps find: report it as that step's finding.
    if (!(e instanceof ShardwiseError)) {
      const bug = issue('SW_INTERNAL', `'${command}' crashed: ${(e as Error)?.message ?? String(e)}`, { hint: 'this is a bug in shardwise; please report it with this output' });
      return { command, why, exitCode: EXIT.internal, issues: [bug] };
    }
    return { command, why, exitCode: EXIT.usage, issues: e.issues };
  }
}

/** A `--json` text's fields without the issues the kit adds (the step keeps those separately). */
function jsonFields(text: string): Record<string, unknown> {
  const { issues: _issues, ...fields } = JSON.parse(text) as Record<string, unknown>;
  return fields;
}

function renderDemo(steps: StepReport[], refusals: DemoRefusal[], launch: string, color: boolean): string {
  const out: string[] = [`shardwise demo — a copy of the example run is in ${launch}`, `(cd there to run any step yourself: the commands below are relative to it)`];
  steps.forEach((s, i) => {
    out.push('', `── ${i + 1}/${steps.length}  ${s.command}`, `   ${s.why}`);
    const text = (s.text ?? '').split('\n');
    const shown = text.slice(0, STEP_TEXT_LINES);
    if (s.text) out.push(...shown.map((l) => `   ${l}`));
    if (text.length > shown.length) out.push(`   … ${text.length - shown.length} more lines (run the command to see them)`);
    if (s.issues.length) out.push(...renderIssues(s.issues, { color }).split('\n').map((l) => `   ${l}`));
  });
  const findings = steps.map((s) => `   ${s.command}: ${tally(s.issues)}`);
  out.push('', 'What each step found:', ...findings);
  if (refusals.length) {
    out.push('', 'Not merged (their summary cells stay "-"; a wrong number would be worse):');
    for (const r of refusals) {
      out.push(`   ${r.model}/${r.dataset}  ${r.code}: ${r.reason}`, `      fix:    ${r.fix}`);
      out.push(...r.before.map((b) => `      before: ${b}`));
      if (r.command) out.push(`      then:   ${r.command}`);
    }
  }
  return out.join('\n');
}

function tally(issues: Issue[]): string {
  const by = (sev: Issue['severity']) => issues.filter((i) => i.severity === sev);
  const parts = (['error', 'warning', 'info'] as const).map((sev) => {
    const list = by(sev);
    return list.length ? `${list.length} ${sev} (${[...new Set(list.map((i) => i.code))].join(', ')})` : '';
  });
  return parts.filter(Boolean).join('; ') || 'nothing to report';
}
