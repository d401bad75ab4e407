import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { issue, RunTree, ShardwiseError, validateAgainst, writeFileAtomic, type CheckReport, type CheckStageFiles, type Issue } from '@shardwise/core';
import { isOwnCheckReport, renderCheckReport } from '@shardwise/generate';
import { loadMergeRules, mergeRun, mergeStates } from '@shardwise/merge';
import { checkRun } from '@shardwise/plan';
import type { CommandModule } from '../command-kit.js';
import { loadRun } from '../load-run.js';
import { reportMerges } from '../report-merges.js';
import { weightedMeanMisfit } from '../weighted-mean-misfit.js';
import { inputsOf, table } from './plan.js';

const REPORT_FORMATS = { '.json': 'json', '.md': 'md', '.html': 'html' } as const;

export const checkCommand: CommandModule = {
  spec: {
    name: 'check',
    summary: 'hold a run dir against the plan: missing, stale or extra shards, pairing problems, fixes',
    examples: ['shardwise check outputs/default/20250101_120000', 'shardwise check outputs/default/20250101_120000 --report report.html'],
  },
  options: (cmd) =>
    cmd
      .argument('<run-dir>', 'the run dir <work_dir>/<timestamp>')
      .option('--config <file>', 'config to plan from (default: the newest configs/*.py in the run dir)')
      .option('--oc-root <dir>', 'folder that holds the opencompass/ package')
      .option('--dataset-size <file>', "OpenCompass's size cache (default: .cache/dataset_size.json where found)")
      .option('--max-num-workers <n>', 'the --max-num-workers OpenCompass was launched with (default 1)')
      .option('--report <file>', 'also write a report: .md, .html or .json by extension')
      .option('--force', 'replace an existing file that is not a report shardwise wrote (its own is replaced anyway)')
      .option('--json', 'print the findings as JSON'),
  run: async (args, options, io) => {
    const reportFile = options['report'] !== undefined ? resolve(io.cwd, String(options['report'])) : undefined;
    const format = reportFile !== undefined ? REPORT_FORMATS[extname(reportFile).toLowerCase() as keyof typeof REPORT_FORMATS] : undefined;
    if (reportFile !== undefined && format === undefined) {
      throw new ShardwiseError(issue('SW_USAGE', `--report ${reportFile}: the extension must be .json, .md or .html`, { hint: 'name the report report.md, report.html or report.json' }));
    }
    const loaded = await loadRun(args[0]!, inputsOf(options), io);
    if (loaded.runDir === undefined) {
      throw new ShardwiseError(issue('SW_USAGE', `${args[0]} is not a run dir`, { hint: 'check needs <work_dir>/<timestamp>; use shardwise plan for a config file' }));
    }
    const { rules, issues: ruleIssues } = loadMergeRules(loaded.settings.settings.merge?.rules ?? []);
    const report = checkRun(loaded.runDir, loaded.experiment, loaded.plan, {
      issues: [...loaded.issues, ...ruleIssues],
      ...(loaded.ocRoot !== undefined ? { ocRoot: loaded.ocRoot } : {}),
      weightedMeanMisfit: weightedMeanMisfit(rules),
      ...(loaded.counts !== undefined ? { counts: loaded.counts } : {}),
      mergeStates: mergeStates(loaded.counts?.tree ?? new RunTree(loaded.runDir), loaded.plan),
    });
    // Only a written report shows merges: the dry run reads every result file, which plain check does not need.
    if (reportFile !== undefined && format !== undefined) {
      const merges = reportMerges(loaded.runDir, report, mergeRun(loaded.runDir, loaded.experiment, loaded.plan, rules, loaded.counts));
      writeReport({ ...report, merges }, reportFile, format, Boolean(options['force']));
    }
    const { issues, ...rest } = report;
    // checkRun builds these from registry codes; the schema type only knows them as strings.
    const wrote = reportFile !== undefined ? `wrote ${reportFile}\n` : '';
    return { issues: issues as Issue[], json: rest, text: reportText(report) + wrote, tally: true };
  },
};

/** A report shardwise wrote before is replaced; any other file only with --force. */
function writeReport(report: CheckReport, file: string, format: 'json' | 'md' | 'html', forced: boolean): void {
  const force = forced || (existsSync(file) && isOwnCheckReport(readFileSync(file, 'utf8'), format));
  if (format === 'json') {
    const problems = validateAgainst('check-report.schema.json', report);
    if (problems.length) {
      throw new ShardwiseError(problems.map((p) => issue('SW_SCHEMA_VIOLATION', `check report ${p.pointer || '/'} ${p.message}`, { file, hint: 'a bug in shardwise: please report it' })));
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
    r.pairs.map((p) => [p.model, p.dataset, p.size === null ? '?' : String(p.size), cell(p.infer), pct(p.infer.coverage), cell(p.eval), pct(p.eval.coverage)]),
  );
  const advice = r.advice.map((a) => `  ${a.code}: ${a.setting.type} ${JSON.stringify(a.setting.args)} → ${a.proposed.tasks} task(s), ${a.proposed.files} file(s) (now ${a.current.tasks}, ${a.current.files})`);
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
