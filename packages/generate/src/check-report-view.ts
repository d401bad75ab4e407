import { pyFormatFixed, type CheckFileReport, type CheckReport, type CheckStageFiles } from '@shardwise/core';

type ReportIssue = CheckReport['issues'][number];
import type { ReportMerge } from './report-merge.js';
import { layoutScoreChart, type ScoreChart } from './score-chart.js';

/**
 * The check report flattened for the templates: every number already formatted, every
 * user-controlled string passed through `text` (Markdown escaping; identity for HTML, whose
 * template engine escapes), and in-page anchors (`pair-<i>`, `issue-<i>`) resolved both ways.
 */
export interface ReportView {
  runDir: string;
  configFile: string;
  verdict: { ok: boolean; name: string; message: string };
  pairingFacts: { label: string; value: string }[];
  stages: StageView[];
  assumptions: string[];
  sizes: { dataset: string; size: string; source: string; file: string }[];
  pairs: PairView[];
  totals: { label: string; value: number }[];
  issues: IssueView[];
  advice: AdviceView[];
  chart: ScoreChart | null;
}

interface StageView {
  name: string;
  type: string;
  assumed: boolean;
  args: string;
  tasks: number;
  files: number;
  splitDatasets: number;
}

interface PairView {
  id: string;
  model: string;
  dataset: string;
  size: string;
  sizeSort: number;
  infer: StageFilesView;
  eval: StageFilesView;
  score: string;
  scoreSort: number;
  status: string;
  /** The merged result on disk is stale (check's SW_MERGE_STALE): the cell is flagged. */
  stale: boolean;
  metrics: { name: string; value: string; rule: string; weightSource: string }[];
  reason: string;
  issueLinks: { id: string; code: string }[];
  files: FileView[];
  problem: boolean;
}

interface StageFilesView {
  shards: string;
  coverage: string;
  coverageSort: number;
}

interface FileView {
  stage: string;
  abbr: string;
  path: string;
  range: string;
  expectedRows: string;
  rows: string;
  bytes: string;
  status: string;
}

interface IssueView {
  id: string;
  code: string;
  severity: string;
  message: string;
  where: string;
  hint: string;
  pairId: string | null;
}

interface AdviceView {
  code: string;
  stage: string;
  reason: string;
  setting: string;
  current: string;
  proposed: string;
}

export function buildReportView(report: CheckReport, merges: readonly ReportMerge[], text: (s: string) => string): ReportView {
  const mergeOf = new Map(merges.map((m) => [`${m.model}\u0000${m.dataset}`, m]));
  const pairIndex = (i: ReportIssue): number =>
    report.pairs.findIndex(
      (p) =>
        (i.model === undefined || i.model === p.model) &&
        i.abbr !== undefined &&
        (i.abbr === p.dataset || [...p.infer.files, ...p.eval.files].some((f) => f.abbr === i.abbr)),
    );
  const issues: IssueView[] = report.issues.map((i, n) => {
    const p = pairIndex(i);
    return {
      id: `issue-${n}`,
      code: i.code,
      severity: i.severity,
      message: text(i.message),
      where: text(
        [i.file && `${i.file}${i.line ? `:${i.line}` : ''}`, [i.model, i.abbr].filter(Boolean).join('/')].filter(Boolean).join(' '),
      ),
      hint: text(i.hint ?? ''),
      pairId: p >= 0 ? `pair-${p}` : null,
    };
  });

  const pairs: PairView[] = report.pairs.map((p, n) => {
    const merge = mergeOf.get(`${p.model}\u0000${p.dataset}`);
    const first = merge?.metrics[0];
    const files = [...fileViews('infer', p.infer, text), ...fileViews('eval', p.eval, text)];
    return {
      id: `pair-${n}`,
      model: text(p.model),
      dataset: text(p.dataset),
      size: p.size === null ? '?' : String(p.size),
      sizeSort: p.size ?? -1,
      infer: stageFilesView(p.infer),
      eval: stageFilesView(p.eval),
      score: first && first.value !== null ? pyFormatFixed(first.value, 2) : '-',
      scoreSort: first && first.value !== null && Number.isFinite(first.value) ? first.value : -Infinity,
      status: merge?.status ?? 'not merged',
      stale: report.issues.some((i) => i.code === 'SW_MERGE_STALE' && i.model === p.model && i.abbr === p.dataset),
      metrics: (merge?.metrics ?? []).map((m) => ({
        name: text(m.name),
        value: m.value === null ? '-' : pyFormatFixed(m.value, 2),
        rule: text(m.rule),
        weightSource: text(m.weightSource ?? '-'),
      })),
      reason: text(merge?.reason ?? ''),
      issueLinks: issues.filter((i) => i.pairId === `pair-${n}`).map((i) => ({ id: i.id, code: i.code })),
      files,
      problem: files.some((f) => f.status !== 'present'),
    };
  });

  const chartInputs = report.pairs
    .map((p) => {
      const first = mergeOf.get(`${p.model}\u0000${p.dataset}`)?.metrics[0];
      return { model: p.model, dataset: p.dataset, metric: first?.name ?? null, score: first?.value ?? null, coverage: p.eval.coverage };
    })
    .sort((a, b) => (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : 0));

  return {
    runDir: text(report.runDir),
    configFile: text(report.configFile),
    verdict: { ok: report.pairing.verdict === 'ok', name: report.pairing.verdict, message: text(report.pairing.message) },
    pairingFacts: [
      { label: 'infer split', value: yesNo(report.pairing.inferSplit) },
      { label: 'eval split', value: yesNo(report.pairing.evalSplit) },
      { label: 'eval split like infer', value: yesNo(report.pairing.sameSplit) },
      { label: 'summarizer', value: text(report.pairing.summarizer ?? 'DefaultSummarizer') },
      { label: 'summarizer reads shards', value: yesNo(report.pairing.summarizerReadsShards) },
    ],
    stages: (['infer', 'eval'] as const).map((name) => {
      const s = report.stages[name];
      return {
        name,
        type: text(s.partitioner.type),
        assumed: s.assumed,
        args: text(JSON.stringify(s.partitioner.args)),
        tasks: s.tasks,
        files: s.files,
        splitDatasets: s.splitDatasets,
      };
    }),
    assumptions: report.assumptions.map(text),
    sizes: report.sizes.map((s) => ({ dataset: text(s.dataset), size: String(s.size), source: s.source, file: text(s.file ?? '') })),
    pairs,
    totals: Object.entries(report.totals).map(([label, value]: [string, number]) => ({ label, value })),
    issues,
    advice: report.advice.map((a) => ({
      code: a.code,
      stage: a.stage,
      reason: text(a.reason),
      setting: text(a.setting.cli ?? `${a.setting.type} ${JSON.stringify(a.setting.args)}`),
      current: digest(a.current),
      proposed: digest(a.proposed),
    })),
    chart: chartInputs.length ? layoutScoreChart(chartInputs) : null,
  };
}

function stageFilesView(s: CheckStageFiles): StageFilesView {
  const expected = s.files.filter((f) => f.status !== 'extra');
  const present = expected.filter((f) => f.status === 'present').length;
  const extra = s.files.length - expected.length;
  return {
    shards: `${present}/${expected.length}${s.split ? ' shards' : ' file'}${extra ? ` +${extra} extra` : ''}`,
    coverage: `${pyFormatFixed(s.coverage * 100, 1)}%`,
    coverageSort: s.coverage,
  };
}

function fileViews(stage: string, s: CheckStageFiles, text: (s: string) => string): FileView[] {
  return s.files.map((f: CheckFileReport) => ({
    stage,
    abbr: text(f.abbr),
    path: text(f.path),
    range: text(f.range ?? '-'),
    expectedRows: f.expectedRows === undefined ? '-' : String(f.expectedRows),
    rows: f.rows === undefined ? '-' : String(f.rows),
    bytes: f.bytes === undefined ? '-' : String(f.bytes),
    status: f.status,
  }));
}

function digest(d: CheckReport['advice'][number]['current']): string {
  const shards = d.smallestShard === null ? 'nothing split' : `shards of ${d.smallestShard}-${d.largestShard} rows`;
  return `${d.tasks} tasks, ${d.files} files, ${d.splitDatasets} split datasets, ${shards}`;
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
