import type { DashReason } from '@shardwise/merge';
import type { Run } from '@shardwise/run';
import type { CommandResult } from '../command-kit.js';

/** The summary tables OpenCompass would print, the reason behind every `-`, and the files written. */
export function summarizeView(run: Run, options: { timeStr: string; outDir?: string }): CommandResult {
  const s = run.summarize(options);
  return {
    issues: s.issues,
    json: { runDir: s.runDir, timeStr: s.timeStr, files: s.files, table: s.summary.table, dashes: s.summary.dashes },
    text: `${s.summary.stdout}${footnotes(s.summary.dashes)}${s.files.length ? `\nwrote ${s.files.join(', ')}` : '\nno summary files: OpenCompass would raise on this run (see the errors)'}`,
  };
}

/** One line per `-`, after the tables (the files themselves stay identical to OpenCompass's). */
function footnotes(dashes: DashReason[]): string {
  if (!dashes.length) return '';
  const lines = dashes.map(
    (d) => `  ${d.row}${d.metric ? ` [${d.metric}]` : ''}${d.model ? ` × ${d.model}` : ''}: ${d.kind} — ${d.reason}`,
  );
  return `\nWhy "-":\n${lines.join('\n')}\n`;
}

/** OpenCompass's `%Y%m%d_%H%M%S` of now, local time. */
export function nowTimeStr(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}_${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}
