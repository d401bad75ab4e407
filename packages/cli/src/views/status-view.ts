import { relative } from 'node:path';
import { issue, ShardwiseError } from '@shardwise/core';
import type { RunStatus } from '@shardwise/plan';
import type { Run } from '@shardwise/run';
import type { CliIo } from '../cli-io.js';
import type { CommandResult } from '../command-kit.js';

/** `--watch` redraws every 2 s until the run is complete, Ctrl-C, or this many redraws (a day). */
export const WATCH_INTERVAL_S = 2;
export const WATCH_MAX_REFRESHES = 43_200;

/** The run's progress; with `watch` (on a terminal, not --json) redrawn in place until it is complete. */
export async function statusView(
  run: Run,
  options: { watch: boolean; json: boolean; interval?: unknown; maxRefreshes?: unknown },
  io: CliIo,
): Promise<CommandResult> {
  run.requireRunDir('status');
  const watching = options.watch && io.stdoutIsTTY && !options.json;
  const status = watching ? await watch(() => run.status(), io, watchLimits(options)) : run.status();
  const { issues, ...fields } = status;
  // schemas/run-status.schema.json once the kit adds the issues.
  const result: CommandResult = { issues, json: fields };
  // In watch mode the last frame is already on screen; only the issues follow it.
  return watching ? result : { ...result, text: renderStatus(status, run.configFile, io.cwd) };
}

function watchLimits(options: { interval?: unknown; maxRefreshes?: unknown }): { intervalMs: number; maxRefreshes: number } {
  const num = (key: 'interval' | 'maxRefreshes', min: number) => {
    const v = Number(options[key]);
    if (!Number.isFinite(v) || v < min)
      throw new ShardwiseError(
        issue('SW_USAGE', `--${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}: '${String(options[key])}' must be a number ≥ ${min}`, {
          hint: 'see shardwise status --help',
        }),
      );
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
function renderStatus(s: RunStatus, configFile: string | undefined, cwd: string): string {
  const rel = (p: string) => relative(cwd, p) || '.';
  const lines = [`run ${rel(s.runDir)}${configFile ? `  (config ${rel(configFile)})` : ''}`, ''];
  const width = Math.max(5, ...s.stages.flatMap((st) => st.models.map((m) => m.model.length)));
  for (const st of s.stages) {
    lines.push(`${st.stage.padEnd(width + 2)} ${`${st.finished}/${st.expected}`.padStart(7)} finished`);
    for (const m of st.models) {
      const extra = [m.inProgress && `${m.inProgress} running`, m.failed && `${m.failed} failed`, m.pending && `${m.pending} pending`]
        .filter(Boolean)
        .join(', ');
      lines.push(
        `  ${m.model.padEnd(width)} ${`${m.finished}/${m.expected}`.padStart(7)}  ${bar(m.finished, m.expected)}${extra ? `  ${extra}` : ''}`,
      );
    }
  }
  const failed = s.tasks.filter((t) => t.state === 'failed');
  if (failed.length) {
    lines.push('', 'failed tasks:');
    for (const t of failed) {
      lines.push(
        `  ${t.stage} ${t.name}`,
        `    log:     ${t.log}`,
        `    reason:  ${t.reason}`,
        `    missing: ${t.outputs
          .filter((o) => o.state === 'failed')
          .map((o) => o.abbr)
          .join(', ')}`,
      );
    }
  }
  const running = s.tasks.filter((t) => t.state === 'running');
  if (running.length)
    lines.push(
      '',
      'running:',
      ...running.map(
        (t) =>
          `  ${t.stage} ${t.model}: ${t.outputs
            .filter((o) => o.state === 'in-progress')
            .map((o) => o.abbr)
            .join(', ')}`,
      ),
    );
  if (s.complete) lines.push('', 'every planned output exists: nothing left to run.');
  else if (s.resume)
    lines.push(
      '',
      `left: ${s.stages.map((st) => `${st.expected - st.finished} ${st.stage}`).join(', ')} output(s). Resume with:`,
      `  ${s.resume.command}`,
    );
  return lines.join('\n');
}

function bar(done: number, total: number, width = 20): string {
  const full = total ? Math.round((done / total) * width) : width;
  return '█'.repeat(full) + '·'.repeat(width - full);
}
