import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { issue, ShardwiseError, validateAgainst, writeFileAtomic, type CheckReport, type CheckStageFiles } from '@shardwise/core';
import { isOwnCheckReport, renderCheckReport } from '@shardwise/generate';
import type { Run } from '@shardwise/run';
import type { CommandResult } from '../command-kit.js';
import { table } from '../render-table.js';

const REPORT_FORMATS = { '.json': 'json', '.md': 'md', '.html': 'html' } as const;
type ReportFormat = (typeof REPORT_FORMATS)[keyof typeof REPORT_FORMATS];

/** The report format a `--report` file asks for by its extension; SW_USAGE for any other. */
export function reportFormatOf(file: string): ReportFormat {
  const format = REPORT_FORMATS[extname(file).toLowerCase() as keyof typeof REPORT_FORMATS];
  if (format === undefined) {
    throw new ShardwiseError(
      issue('SW_USAGE', `--report ${file}: the extension must be .json, .md or .html`, {
        hint: 'name the report report.md, report.html or report.json',
      }),
    );
  }
  return format;
}

/**
 * The run held against the plan; with a report file, also the report (with the merges' dry run) written there.
 * The text shows no file sizes, so they are asked for only for `--json` or a report.
 */
export function checkView(
  run: Run,
  report: { file: string; format: ReportFormat; force: boolean } | undefined,
  json: boolean,
): CommandResult {
  const checked = run.check({ fileSizes: json || report !== undefined });
  // Only a written report shows merges: the dry run reads every result file, which plain check does not need.
  if (report !== undefined)
    writeReport({ ...checked.report, merges: run.reportMerges(checked.report) }, report.file, report.format, report.force);
  const { issues: _issues, ...rest } = checked.report;
  const wrote = report !== undefined ? `wrote ${report.file}\n` : '';
  return { issues: checked.issues, json: rest, text: reportText(checked.report) + wrote, tally: true };
}

/** A report shardwise wrote before is replaced; any other file only with --force. */
function writeReport(report: CheckReport, file: string, format: ReportFormat, forced: boolean): void {
  const force = forced || (existsSync(file) && isOwnCheckReport(readFileSync(file, 'utf8'), format));
  if (format === 'json') {
    const problems = validateAgainst('check-report.schema.json', report);
    if (problems.length) {
      throw new ShardwiseError(
        problems.map((p) =>
          issue('SW_SCHEMA_VIOLATION', `check report ${p.pointer || '/'} ${p.message}`, {
            file,
            hint: 'a bug in shardwise: please report it',
          }),
        ),
      );
    }
    writeFileAtomic(file, JSON.stringify(report, null, 2) + '\n', { force });
    return;
  }
  writeFileAtomic(file, renderCheckReport(report, format, report.merges), { force });
}

function reportText(r: CheckReport): string {
  const stage = (name: 'infer' | 'eval') => {
    const s = r.stages[name];
    return `${name}: ${s.partitioner.type}${s.assumed ? ' (assumed: CLI default)' : ''}, ${s.tasks} task(s), ${s.files} file(s), ${s.splitDatasets} split`;
  };
  const cell = (s: CheckStageFiles) => {
    const expected = s.files.filter((f) => f.expectedRows !== undefined);
    const ok = expected.filter((f) => f.status === 'present').length;
    const odd = s.files.length - expected.length;
    return `${ok}/${expected.length}${odd ? ` +${odd} extra` : ''}`;
  };
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const pairs = table(
    ['model', 'dataset', 'rows', 'predictions', 'cover', 'results', 'cover'],
    r.pairs.map((p) => [
      p.model,
      p.dataset,
      p.size === null ? '?' : String(p.size),
      cell(p.infer),
      pct(p.infer.coverage),
      cell(p.eval),
      pct(p.eval.coverage),
    ]),
  );
  const advice = r.advice.map(
    (a) =>
      `  ${a.code}: ${a.setting.type} ${JSON.stringify(a.setting.args)} → ${a.proposed.tasks} task(s), ${a.proposed.files} file(s) (now ${a.current.tasks}, ${a.current.files})`,
  );
  return [
    `run ${r.runDir}`,
    `config ${r.configFile}`,
    stage('infer'),
    stage('eval'),
    `pairing: ${r.pairing.verdict} — ${r.pairing.message}`,
    '',
    pairs,
    ...(advice.length ? ['', 'advice:', ...advice] : []),
    '',
  ].join('\n');
}
