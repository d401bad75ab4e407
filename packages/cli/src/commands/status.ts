import { relative } from 'node:path';
import { issue, ShardwiseError } from '@shardwise/core';
import { runStatus, type RunStatus } from '@shardwise/plan';
import type { CliIo } from '../cli-io.js';
import type { CommandModule, CommandResult } from '../command-kit.js';
import { loadRun } from '../load-run.js';

/** `--watch` redraws every 2 s until the run is complete, Ctrl-C, or this many redraws (a day). */
const WATCH_INTERVAL_S = 2;
const WATCH_MAX_REFRESHES = 43_200;

export const statusCommand: CommandModule = {
  spec: {
    name: 'status',
    summary: 'progress of a running evaluation: finished, failed and remaining shards per stage, and how to resume',
    examples: ['shardwise status outputs/default/20250101_120000', 'shardwise status outputs/default/20250101_120000 --watch'],
  },
  options: (cmd) =>
    cmd
      .argument('<run-dir>', 'the run dir <work_dir>/<timestamp>')
      .option('--config <file>', 'config to plan from (default: the newest configs/*.py in the run dir)')
      .option('--watch', 'refresh in place every 2 s on a terminal, until the run is complete or Ctrl-C')
      .option('--interval <seconds>', 'seconds between refreshes with --watch', String(WATCH_INTERVAL_S))
      .option('--max-refreshes <n>', 'stop --watch after this many refreshes', String(WATCH_MAX_REFRESHES))
      .option('--json', 'print the status as JSON'),
  run: async (args, options, io) => {
    const target = args[0]!;
    const loaded = await loadRun(target, { ...(typeof options['config'] === 'string' ? { config: options['config'] } : {}) }, io);
    if (loaded.runDir === undefined) {
      throw new ShardwiseError(issue('SW_USAGE', `${target} is not a run dir`, { file: target, hint: 'give the run dir <work_dir>/<timestamp>, not a config file' }));
    }
    const runDir = loaded.runDir;
    const measure = (): RunStatus => runStatus(runDir, loaded.plan, { configFile: loaded.configFile, ...(loaded.experiment.workDir ? { workDir: loaded.experiment.workDir } : {}) });
    const watching = Boolean(options['watch']) && io.stdoutIsTTY && !options['json'];
    const status = watching ? await watch(measure, io, watchLimits(options)) : measure();
    const { issues, ...fields } = status;
    // schemas/run-status.schema.json once the kit adds the issues.
    const result: CommandResult = { issues: [...loaded.issues, ...issues], json: fields };
    // In watch mode the last frame is already on screen; only the issues follow it.
    return watching ? result : { ...result, text: renderStatus(status, loaded.configFile, io.cwd) };
  },
};

function watchLimits(options: Record<string, unknown>): { intervalMs: number; maxRefreshes: number } {
  const num = (key: string, min: number) => {
    const v = Number(options[key]);
    if (!Number.isFinite(v) || v < min) throw new ShardwiseError(issue('SW_USAGE', `--${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}: '${String(options[key])}' must be a number ≥ ${min}`, { hint: 'see shardwise status --help' }));
    return v;
  };
  return { intervalMs: num('interval', 0) * 1000, maxRefreshes: Math.floor(num('maxRefreshes', 1)) };
}

/** Redraws the status in place (cursor up over the previous frame, clear to the end) until done. */
async function watch(measure: () => RunStatus, io: CliIo, limits: { intervalMs: number; maxRefreshes: number }): Promise<RunStatus> {
  let stop = false;
  let wake: () => void = () => {};
  const onSigint = () => {
    stop = true;
    wake();
  };
  process.once('SIGINT', onSigint);
  let previousLines = 0;
  let status = measure();
  try {
    for (let refresh = 1; ; refresh++) {
      const frame = renderStatus(status, undefined, io.cwd) + `\n(refreshing every ${limits.intervalMs / 1000} s — Ctrl-C to stop)\n`;
      io.stdout((previousLines ? `\x1b[${previousLines}F\x1b[J` : '') + frame);
      previousLines = frame.split('\n').length - 1;
      if (stop || status.complete || refresh >= limits.maxRefreshes) return status;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, limits.intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (stop) return status;
      status = measure();
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** The human view: one line per stage and model, failed tasks with their reason, what is left, how to resume. */
export function renderStatus(s: RunStatus, configFile: string | undefined, cwd: string): string {
  const rel = (p: string) => relative(cwd, p) || '.';
  const lines = [`run ${rel(s.runDir)}${configFile ? `  (config ${rel(configFile)})` : ''}`, ''];
  const width = Math.max(5, ...s.stages.flatMap((st) => st.models.map((m) => m.model.length)));
  for (const st of s.stages) {
    lines.push(`${st.stage.padEnd(width + 2)} ${`${st.finished}/${st.expected}`.padStart(7)} finished`);
    for (const m of st.models) {
      const extra = [m.inProgress && `${m.inProgress} running`, m.failed && `${m.failed} failed`, m.pending && `${m.pending} pending`].filter(Boolean).join(', ');
      lines.push(`  ${m.model.padEnd(width)} ${`${m.finished}/${m.expected}`.padStart(7)}  ${bar(m.finished, m.expected)}${extra ? `  ${extra}` : ''}`);
    }
  }
  const failed = s.tasks.filter((t) => t.state === 'failed');
  if (failed.length) {
    lines.push('', 'failed tasks:');
    for (const t of failed) {
      lines.push(`  ${t.stage} ${t.name}`, `    log:     ${t.log}`, `    reason:  ${t.reason}`, `    missing: ${t.outputs.filter((o) => o.state === 'failed').map((o) => o.abbr).join(', ')}`);
    }
  }
  const running = s.tasks.filter((t) => t.state === 'running');
  if (running.length) lines.push('', 'running:', ...running.map((t) => `  ${t.stage} ${t.model}: ${t.outputs.filter((o) => o.state === 'in-progress').map((o) => o.abbr).join(', ')}`));
  if (s.complete) lines.push('', 'every planned output exists: nothing left to run.');
  else if (s.resume) lines.push('', `left: ${s.stages.map((st) => `${st.expected - st.finished} ${st.stage}`).join(', ')} output(s). Resume with:`, `  ${s.resume.command}`);
  return lines.join('\n');
}

function bar(done: number, total: number, width = 20): string {
  const full = total ? Math.round((done / total) * width) : width;
  return '█'.repeat(full) + '·'.repeat(width - full);
}
