import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assetPath, hasErrors, issue, renderIssues, ShardwiseError, type Issue } from '@shardwise/core';
import { Run } from '@shardwise/run';
import { useColor, type CliIo } from '../cli-io.js';
import type { CommandModule, CommandResult } from '../command-kit.js';
import { EXIT } from '../exit-codes.js';
import { createProgress } from '../progress.js';
import { checkView } from '../views/check-view.js';
import { genView } from '../views/gen-view.js';
import { mergeView, type RefusedMerge } from '../views/merge-view.js';
import { planView } from '../views/plan-view.js';
import { statusView } from '../views/status-view.js';
import { nowTimeStr, summarizeView } from '../views/summarize-view.js';

/** The run dir inside the embedded run's launch folder (examples/demo, shipped with shardwise). */
const DEMO_RUN = 'outputs/demo/20250101_120000';
/** A step's human output is cut to this many lines; the command itself shows everything. */
const STEP_TEXT_LINES = 30;

/** What one step gives: the command's result, and for a merge its refusals (typed, for the closing list). */
interface StepOutcome {
  result: CommandResult;
  refused?: RefusedMerge[];
}

/** The run as each step's command opens it (afresh: a step sees what the steps before it wrote). */
const open = (io: CliIo) => Run.open(DEMO_RUN, {}, io.cwd);

/**
 * The story, in order: each step is what `shardwise <name> <argv>` does on the copy (the same Run operation and
 * rendering), shown with the arguments a user would type.
 */
const STEPS: { name: string; argv: string[]; why: string; run: (io: CliIo) => Promise<StepOutcome> }[] = [
  {
    name: 'plan',
    argv: [DEMO_RUN],
    why: 'which shards OpenCompass created for each stage',
    run: async (io) => ({ result: planView(await open(io), 'all') }),
  },
  {
    name: 'status',
    argv: [DEMO_RUN],
    why: 'which tasks finished, which failed, how to resume',
    run: async (io) => ({ result: await statusView(await open(io), { watch: false, json: false }, io) }),
  },
  {
    name: 'check',
    argv: [DEMO_RUN],
    why: 'the run held against the plan',
    run: async (io) => ({ result: checkView(await open(io), undefined, true) }),
  },
  {
    name: 'merge',
    argv: [DEMO_RUN],
    why: 'what can be merged exactly (dry run: nothing is written)',
    run: async (io) => mergeView(await open(io), { write: false, force: false, output: 'collect' }, io),
  },
  {
    name: 'merge',
    argv: [DEMO_RUN, '--write'],
    why: 'write the merged results into the copy',
    run: async (io) => mergeView(await open(io), { write: true, force: false, output: 'collect' }, io),
  },
  {
    name: 'summarize',
    argv: [DEMO_RUN],
    why: "OpenCompass's summary table, now with merged numbers",
    run: async (io) => ({ result: summarizeView(await open(io), { timeStr: nowTimeStr() }) }),
  },
  {
    name: 'gen',
    argv: [DEMO_RUN, '--out', 'shardwise_out'],
    why: 'the NumWorkerSummarizer for OpenCompass itself',
    run: async (io) => ({ result: await genView(await open(io), { out: 'shardwise_out', check: false, force: false }, io) }),
  },
];

interface StepReport {
  command: string;
  /** The refusals of a merge step. */
  refused?: RefusedMerge[];
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
    const progress = createProgress(io, {
      label: 'demo',
      total: STEPS.length,
      quiet: Boolean(options['quiet']),
      json: Boolean(options['json']),
    });
    const steps: StepReport[] = [];
    for (const step of STEPS) {
      steps.push(await runStep(step, stepIo));
      progress.tick();
    }
    progress.done();
    const issues = steps.filter((s) => s.exitCode === EXIT.usage || s.exitCode === EXIT.internal).flatMap((s) => s.issues);
    const refusals = refusalsOf(steps);
    const result: CommandResult = {
      issues,
      json: {
        launchDir: launch,
        runDir: join(launch, DEMO_RUN),
        refusals,
        steps: steps.map(({ text: _text, refused: _refused, ...rest }) => rest),
      },
    };
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

/** The refusals of the last merge step: every summary cell left '-' on purpose, with the way out. */
function refusalsOf(steps: StepReport[]): DemoRefusal[] {
  const refused = steps.filter((s) => s.refused !== undefined).at(-1)?.refused ?? [];
  return refused.map((o) => ({
    model: o.model,
    dataset: o.dataset,
    code: o.refusal.code,
    reason: o.refusal.reason,
    fix: o.refusal.fix,
    before: o.reevaluation?.prerequisites ?? [],
    ...(o.reevaluation ? { command: o.reevaluation.command } : {}),
  }));
}

/** Copies examples/demo's run and size cache into a fresh folder (refuses a non-empty --out). */
function copyDemo(out: string | undefined): string {
  const source = assetPath('demo');
  if (!existsSync(join(source, DEMO_RUN))) {
    throw new ShardwiseError(
      issue('SW_FILE_UNREADABLE', `the embedded demo run is missing: ${join(source, DEMO_RUN)}`, {
        file: source,
        hint: 'reinstall shardwise (examples/demo is part of the repository and of the installed package)',
      }),
    );
  }
  if (out !== undefined && existsSync(out) && readdirSync(out).length) {
    throw new ShardwiseError(issue('SW_WRITE_REFUSED', `${out} is not empty`, { file: out, hint: 'give --out a new or empty folder' }));
  }
  const launch = out ?? mkdtempSync(join(tmpdir(), 'shardwise-demo-'));
  mkdirSync(launch, { recursive: true });
  for (const part of ['.cache', 'outputs']) cpSync(join(source, part), join(launch, part), { recursive: true });
  return launch;
}

/** Runs one step; a usage error or a crash becomes that step's finding, so the other steps still run. */
async function runStep({ name, argv, why, run }: (typeof STEPS)[number], io: CliIo): Promise<StepReport> {
  const command = `shardwise ${name} ${argv.join(' ')}`;
  try {
    const { result, refused } = await run(io);
    return {
      command,
      why,
      exitCode: hasErrors(result.issues) ? EXIT.issues : EXIT.clean,
      issues: result.issues,
      ...(result.json ? { json: result.json } : {}),
      ...(result.text ? { text: result.text } : {}),
      ...(refused ? { refused } : {}),
    };
  } catch (e) {
    // A bug in one command must not hide what the other steps find: report it as that step's finding.
    if (!(e instanceof ShardwiseError)) {
      const bug = issue('SW_INTERNAL', `'${command}' crashed: ${(e as Error)?.message ?? String(e)}`, {
        hint: 'this is a bug in shardwise; please report it with this output',
      });
      return { command, why, exitCode: EXIT.internal, issues: [bug] };
    }
    return { command, why, exitCode: EXIT.usage, issues: e.issues };
  }
}

function renderDemo(steps: StepReport[], refusals: DemoRefusal[], launch: string, color: boolean): string {
  const out: string[] = [
    `shardwise demo — a copy of the example run is in ${launch}`,
    `(cd there to run any step yourself: the commands below are relative to it)`,
  ];
  steps.forEach((s, i) => {
    out.push('', `── ${i + 1}/${steps.length}  ${s.command}`, `   ${s.why}`);
    const text = (s.text ?? '').split('\n');
    const shown = text.slice(0, STEP_TEXT_LINES);
    if (s.text) out.push(...shown.map((l) => `   ${l}`));
    if (text.length > shown.length) out.push(`   … ${text.length - shown.length} more lines (run the command to see them)`);
    if (s.issues.length)
      out.push(
        ...renderIssues(s.issues, { color })
          .split('\n')
          .map((l) => `   ${l}`),
      );
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
