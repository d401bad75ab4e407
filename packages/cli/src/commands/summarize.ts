import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { issue, ShardwiseError, writeFileAtomic, type Issue } from '@shardwise/core';
import { loadMergeRules, summarizeRun, type DashReason } from '@shardwise/merge';
import type { CommandModule } from '../command-kit.js';
import { loadRun } from '../load-run.js';
import { inputsOf } from './plan.js';

/** Codes for which OpenCompass itself raises, so it writes no summary files either. */
const FATAL = ['SW_SUMMARY_DIFFERENT_METRICS', 'SW_SUMMARY_GROUP_INVALID', 'SW_SUMMARY_TRANSFORM_INVALID', 'SW_SUMMARY_PROMPT_HASH', 'SW_SUMMARY_CONFIG_KEY'];

export const summarizeCommand: CommandModule = {
  spec: {
    name: 'summarize',
    summary: "write summary_<ts>.txt/.csv/.md byte-identical to OpenCompass's DefaultSummarizer, with shards merged",
    examples: ['shardwise summarize outputs/default/20250101_120000', 'shardwise summarize outputs/default/20250101_120000 --out /tmp/summary --time-str 20250102_000000'],
  },
  options: (cmd) =>
    cmd
      .argument('<run-dir>', 'the run dir <work_dir>/<timestamp>')
      .option('--config <file>', 'config to read (default: the newest configs/*.py in the run dir)')
      .option('--out <dir>', 'folder for the summary files (default: <run-dir>/summary)')
      .option('--time-str <ts>', 'the time string in file names and the first line (default: now, %Y%m%d_%H%M%S)')
      .option('--json', 'print the table and the reason behind every "-" as JSON'),
  run: async (args, options, io) => {
    const loaded = await loadRun(args[0]!, inputsOf(options), io);
    if (!loaded.runDir) throw new ShardwiseError(issue('SW_USAGE', `${args[0]} is not a run dir`, { hint: 'give <work_dir>/<timestamp>' }));
    const timeStr = options['timeStr'] !== undefined ? String(options['timeStr']) : nowTimeStr();
    const outDir = options['out'] !== undefined ? resolve(io.cwd, String(options['out'])) : join(loaded.runDir, 'summary');
    const { rules, issues: ruleIssues } = loadMergeRules(loaded.settings.settings.merge?.rules ?? []);
    const s = summarizeRun(loaded.runDir, loaded.experiment, loaded.plan, rules, timeStr, loaded.counts);
    const issues: Issue[] = [...loaded.issues, ...ruleIssues, ...s.mergeIssues, ...s.issues];
    const files: string[] = [];
    if (!s.issues.some((i) => FATAL.includes(i.code))) {
      for (const [ext, text] of [['txt', s.txt], ['csv', s.csv], ['md', s.md]] as const) {
        const path = join(outDir, `summary_${timeStr}.${ext}`);
        files.push(path);
        if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
        try {
          writeFileAtomic(path, text);
        } catch (e) {
          if (!(e instanceof ShardwiseError)) throw e;
          issues.push(...e.issues);
        }
      }
    }
    return {
      issues,
      json: { runDir: loaded.runDir, timeStr, files, table: s.table, dashes: s.dashes },
      text: `${s.stdout}${footnotes(s.dashes)}${files.length ? `\nwrote ${files.join(', ')}` : '\nno summary files: OpenCompass would raise on this run (see the errors)'}`,
    };
  },
};

/** One line per `-`, after the tables (the files themselves stay identical to OpenCompass's). */
function footnotes(dashes: DashReason[]): string {
  if (!dashes.length) return '';
  const lines = dashes.map((d) => `  ${d.row}${d.metric ? ` [${d.metric}]` : ''}${d.model ? ` × ${d.model}` : ''}: ${d.kind} — ${d.reason}`);
  return `\nWhy "-":\n${lines.join('\n')}\n`;
}

function nowTimeStr(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}_${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}
