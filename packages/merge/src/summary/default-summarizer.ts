import { issue, isDict, isTuple, PyDict, pyFormatFixed, pyRepr, sequenceItems, type Issue, type PyValue } from '@shardwise/core';
import type { Experiment } from '@shardwise/plan';
import { isMetricValue } from '../shard-input.js';
import { promptHash } from './prompt-hash.js';
import { tabulateSimple } from './tabulate-simple.js';
import { compileTransform, TransformError, type Transform } from './transform-expression.js';

/** OpenCompass's DefaultSummarizer (opencompass/summarizers/default.py, docs/opencompass.md §7), step by step. */

const METRIC_WHITELIST = [
  'score',
  'auc_score',
  'accuracy',
  'humaneval_pass@1',
  'rouge1',
  'avg_toxicity_score',
  'bleurt_diff',
  'matthews_correlation',
  'truth',
  'f1',
  'exact_match',
  'extract_rate',
];
const METRIC_BLACKLIST = ['bp', 'sys_len', 'ref_len', 'type'];
const ACCEPTED_KEYS = ['type', 'dataset_abbrs', 'summary_groups', 'prompt_db'];

export type DashKind =
  | 'no-file'
  | 'error-in-result'
  | 'no-numeric-metric'
  | 'refused-merge'
  | 'metric-filtered'
  | 'group-missing-subset'
  | 'group-skipped'
  | 'not-a-dataset';

/** Why a cell (or a whole row, `model` undefined) shows `-`. */
export interface DashReason {
  row: string;
  metric?: string;
  model?: string;
  kind: DashKind;
  reason: string;
}

export interface SummaryInput {
  experiment: Experiment;
  /** The dict `results/<real model abbr>/<abbr>.json` holds as the summarizer would read it (merged in memory), or undefined. */
  readResult: (model: string, dataset: string) => PyDict | undefined;
  /** Why a missing result is missing, when the caller knows better than "no file" (a refused merge). */
  absentReason?: (model: string, dataset: string) => string | undefined;
  /** Metrics a merge left out (no rule covers them): rows of their own, every cell `-` with the reason. */
  leftOut?: (model: string, dataset: string) => LeftOutMetrics | undefined;
  /** `<cfg_time_str>`, the first line of the txt file. */
  timeStr: string;
}

/** The merge's key order (the unsplit result's) and, per left-out key, why its cell is `-`. */
export interface LeftOutMetrics {
  order: string[];
  keys: Map<string, string>;
}

export interface SummaryOutput {
  txt: string;
  csv: string;
  md: string;
  /** What OpenCompass prints on stdout: the tabulate table, then the markdown table. */
  stdout: string;
  table: string[][];
  dashes: DashReason[];
  issues: Issue[];
}

type PyNum = bigint | number;
type Metrics = Map<string, PyNum | boolean>;

interface State {
  raw: Map<string, Map<string, PyDict>>;
  parsed: Map<string, Map<string, Metrics>>;
  datasetMetrics: Map<string, string[]>;
  mode: Map<string, string>;
  /** model header → abbr → why it has no parsed result */
  why: Map<string, Map<string, { kind: DashKind; reason: string }>>;
  /** model header → abbr → metric a merge left out → why */
  leftOut: Map<string, Map<string, Map<string, string>>>;
}

export function summarize(input: SummaryInput): SummaryOutput {
  const { experiment } = input;
  const issues: Issue[] = [];
  const cfg = experiment.summarizer;
  checkSummarizerKeys(cfg, issues);
  const modelAbbrs = [...new Set(experiment.models.map((m) => m.headerAbbr))];
  const st = pickUpResults(input, modelAbbrs, issues);
  calculateGroupMetrics(st, modelAbbrs, groupsOf(cfg), issues);
  const required = cfg?.get('dataset_abbrs');
  const { table, dashes } = formatTable(experiment, st, modelAbbrs, sequenceItems(required ?? undefined), issues);
  const raw = formatRawTxt(st, modelAbbrs);
  const tab = tabulateSimple(table);
  const csvLines = table.map((r) => r.join(','));
  const md = markdown(table);
  const line = (c: string) => c.repeat(128);
  const div = `${line('-')} THIS IS A DIVIDER ${line('-')}`;
  const txt =
    `${input.timeStr}\ntabulate format\n${line('^')}\n${tab}\n${line('$')}\n\n${div}\n\n` +
    `csv format\n${line('^')}\n${csvLines.join('\n')}\n${line('$')}\n\n` +
    `markdown format\n${line('^')}\n${md}\n${line('$')}\n${div}\n\n` +
    `raw format\n${line('^')}\n${raw}\n${line('$')}\n`;
  const csv = table.map((r) => r.map((c) => c.replace(/,/g, ' ')).join(',')).join('\n') + '\n';
  return { txt, csv, md, stdout: `${tab}\nThe markdown format results is as below:\n${md}`, table, dashes, issues };
}

function checkSummarizerKeys(cfg: PyDict | undefined, issues: Issue[]): void {
  if (!cfg) return;
  const type = cfg.get('type');
  if (type !== undefined && (typeof type !== 'string' || !type.endsWith('DefaultSummarizer'))) return;
  for (const k of cfg.keys())
    if (typeof k === 'string' && !ACCEPTED_KEYS.includes(k))
      issues.push(
        issue('SW_SUMMARY_CONFIG_KEY', `summarizer.${k} is not a DefaultSummarizer argument: OpenCompass raises TypeError`, {
          hint: `remove summarizer.${k}`,
        }),
      );
}

function groupsOf(cfg: PyDict | undefined): PyDict[] {
  return (sequenceItems(cfg?.get('summary_groups')) ?? []).filter(isDict);
}

function modeOf(inferencerType: string | undefined): string {
  const t = inferencerType ?? '';
  if (t.includes('GenInferencer')) return 'gen';
  if (t.includes('PPLInferencer') || t.includes('PPLOnlyInferencer')) return 'ppl';
  if (t.includes('LLInferencer')) return 'll';
  return 'unknown';
}

/** _pick_up_results: results/<m>/<abbr>.json of every config model × dataset. */
function pickUpResults(input: SummaryInput, modelAbbrs: string[], issues: Issue[]): State {
  const st: State = { raw: new Map(), parsed: new Map(), datasetMetrics: new Map(), mode: new Map(), why: new Map(), leftOut: new Map() };
  for (const h of modelAbbrs) {
    st.raw.set(h, new Map());
    st.parsed.set(h, new Map());
    st.why.set(h, new Map());
    st.leftOut.set(h, new Map());
  }
  for (const model of input.experiment.models) {
    const h = model.headerAbbr;
    for (const ds of input.experiment.datasets) {
      const why = st.why.get(h)!;
      const result = input.readResult(model.abbr, ds.abbr);
      if (!result) {
        const refused = input.absentReason?.(model.abbr, ds.abbr);
        why.set(
          ds.abbr,
          refused ? { kind: 'refused-merge', reason: refused } : { kind: 'no-file', reason: `no results/${model.abbr}/${ds.abbr}.json` },
        );
        continue;
      }
      const raw = new PyDict([...result].filter(([k]) => k !== 'details'));
      st.raw.get(h)!.set(ds.abbr, raw);
      if (raw.has('error')) {
        const refused = input.absentReason?.(model.abbr, ds.abbr);
        why.set(ds.abbr, { kind: refused ? 'refused-merge' : 'error-in-result', reason: `error: ${pyRepr(raw.get('error')!)}` });
        continue;
      }
      const metrics: Metrics = new Map();
      for (const [k, v] of raw) if (typeof k === 'string' && !METRIC_BLACKLIST.includes(k) && isMetricValue(v)) metrics.set(k, v);
      if (!metrics.size) {
        issues.push(
          issue('SW_SUMMARY_NO_METRIC', `results/${model.abbr}/${ds.abbr}.json has no numeric metric`, {
            model: model.abbr,
            abbr: ds.abbr,
            severity: 'warning',
          }),
        );
        why.set(ds.abbr, { kind: 'no-numeric-metric', reason: 'no numeric metric in the result' });
        continue;
      }
      const rank = (k: string) => (METRIC_WHITELIST.includes(k) ? METRIC_WHITELIST.indexOf(k) : METRIC_WHITELIST.length);
      // A left-out metric keeps the row (and the place) it has in an unsplit result, with `-` cells.
      const left = input.leftOut?.(model.abbr, ds.abbr);
      const absent = left ? new Map([...left.keys].filter(([k]) => !metrics.has(k))) : undefined;
      if (absent?.size) st.leftOut.get(h)!.set(ds.abbr, absent);
      const names = absent?.size ? left!.order.filter((k) => metrics.has(k) || absent.has(k)) : [...metrics.keys()];
      const dm = names
        .map((k, i) => [k, i] as const)
        .sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1])
        .map(([k]) => k);
      const known = st.datasetMetrics.get(ds.abbr);
      if (known && known.join('\u0000') !== dm.join('\u0000'))
        issues.push(
          issue(
            'SW_SUMMARY_DIFFERENT_METRICS',
            `${ds.abbr} has different metrics: ${pyRepr(known)} vs ${pyRepr(dm)} (OpenCompass aborts the summary)`,
            {
              model: model.abbr,
              abbr: ds.abbr,
              hint: 'every model must report the same metric keys in the same order; re-merge with shardwise (shard-0 key order) or re-evaluate',
            },
          ),
        );
      else if (!known) st.datasetMetrics.set(ds.abbr, dm);
      st.parsed.get(h)!.set(ds.abbr, metrics);
      why.delete(ds.abbr);
    }
  }
  for (const ds of input.experiment.datasets) st.mode.set(ds.abbr, modeOf(ds.inferencerType));
  return st;
}

const toPy = (v: PyNum | boolean): PyNum => (typeof v === 'boolean' ? (v ? 1n : 0n) : v);
const fl = (v: PyNum) => Number(v);
/** Python + and * keeping int when both sides are ints. */
const pyAdd = (a: PyNum, b: PyNum): PyNum => (typeof a === 'bigint' && typeof b === 'bigint' ? a + b : fl(a) + fl(b));
const pyMul = (a: PyNum, b: PyNum): PyNum => (typeof a === 'bigint' && typeof b === 'bigint' ? a * b : fl(a) * fl(b));
const pySum = (xs: PyNum[]): PyNum => xs.reduce<PyNum>(pyAdd, 0n);

/** _calculate_group_metrics, groups in list order, models in header order. */
function calculateGroupMetrics(st: State, modelAbbrs: string[], groups: PyDict[], issues: Issue[]): void {
  for (const sg of groups) {
    const name = sg.get('name');
    if (typeof name !== 'string') continue;
    const subsets = sequenceItems(sg.get('subsets')) ?? [];
    const isPair = (s: PyValue) => Array.isArray(s) || isTuple(s);
    if (subsets.some(isPair) && subsets.some((s) => typeof s === 'string')) {
      issues.push(
        issue('SW_SUMMARY_GROUP_INVALID', `summary group ${name} mixes [abbr, metric] pairs and plain abbrs (NotImplementedError)`, {
          hint: 'use one kind of subset per group',
        }),
      );
      continue;
    }
    const transforms = compileTransforms(sg, name, issues);
    if (!transforms) continue;
    const weights = sg.get('weights');
    const weightList = weights instanceof PyDict && weights.size ? [...weights].map(([k, w]) => [String(k), w] as const) : undefined;
    for (const h of modelAbbrs) {
      const parsed = st.parsed.get(h)!;
      const pairOf = (s: PyValue) => sequenceItems(s)!.map(String) as [string, string];
      const available = (s: PyValue) => (isPair(s) ? parsed.get(pairOf(s)[0])?.has(pairOf(s)[1]) === true : parsed.has(s as string));
      const missing = subsets.filter((s) => !available(s));
      if (missing.length === subsets.length) {
        st.why.get(h)!.set(name, { kind: 'group-skipped', reason: `no subset of group ${name} has results` });
        continue;
      }
      if (missing.length) {
        st.raw.get(h)!.set(name, new PyDict([['error', `missing metrics: ${pyRepr(missing)}`]]));
        st.why.get(h)!.set(name, { kind: 'group-missing-subset', reason: `missing metrics: ${pyRepr(missing)}` });
        continue;
      }
      const defaultMetric = defaultMetricOf(sg);
      const scores = new Map<string, Map<string, PyNum>>();
      const modes: string[] = [];
      const put = (metric: string, key: string, v: PyNum | boolean) => {
        if (!scores.has(metric)) scores.set(metric, new Map());
        scores.get(metric)!.set(key, toPy(v));
      };
      let groupMetrics: string[];
      if (subsets.every(isPair)) {
        groupMetrics = [defaultMetric];
        for (const s of subsets) {
          const [abbr, metric] = pairOf(s);
          put(defaultMetric, `${abbr}@${metric}`, parsed.get(abbr)!.get(metric)!);
          modes.push(st.mode.get(abbr) ?? 'unknown');
        }
      } else {
        const names = subsets as string[];
        const common = names.map((n) => st.datasetMetrics.get(n) ?? []).reduce((a, b) => a.filter((x) => b.includes(x)));
        if (common.length > 1)
          issues.push(
            issue(
              'SW_SUMMARY_SET_ORDER',
              `group ${name}: common metrics ${pyRepr(common)} come out of a Python set; the row OpenCompass shows first depends on PYTHONHASHSEED (shardwise uses the first subset's order)`,
              {
                hint: 'list the group as [name, metric] rows in dataset_abbrs, or use [abbr, metric] subsets',
              },
            ),
          );
        groupMetrics = [...new Set(common), defaultMetric];
        for (const metric of groupMetrics)
          for (const abbr of names) {
            if (metric === defaultMetric) {
              const first = st.datasetMetrics.get(abbr)![0]!;
              put(defaultMetric, `${abbr}@${first}`, parsed.get(abbr)!.get(first)!);
              modes.push(st.mode.get(abbr) ?? 'unknown');
            } else {
              put(metric, `${abbr}@${metric}`, parsed.get(abbr)!.get(metric)!);
              modes.push(st.mode.get(names[0]!) ?? 'unknown');
            }
          }
      }
      for (const m of scores.values())
        for (const [k, v] of m) {
          const t = transforms.get(k.split('@')[0]!);
          if (t) m.set(k, t(fl(v)));
        }
      const result = new Map<string, PyNum>();
      let failed = false;
      for (const [metric, m] of scores) {
        const agg = aggregate(defaultMetric, m, weightList);
        if (typeof agg === 'string') {
          issues.push(
            issue('SW_SUMMARY_GROUP_INVALID', `summary group ${name}: ${agg}`, { hint: 'every weight key must be a subset of the group' }),
          );
          failed = true;
          break;
        }
        result.set(metric, agg);
      }
      if (failed) continue;
      const uniq = [...new Set(modes)];
      const rawGroup = st.raw.get(h)!.get(name) ?? new PyDict();
      const parsedGroup = parsed.get(name) ?? new Map<string, PyNum | boolean>();
      for (const [k, v] of result) {
        rawGroup.set(k, v);
        parsedGroup.set(k, v);
      }
      st.raw.get(h)!.set(name, rawGroup);
      parsed.set(name, parsedGroup);
      st.datasetMetrics.set(name, [...(st.datasetMetrics.get(name) ?? []), ...groupMetrics]);
      st.mode.set(name, uniq.length === 1 ? uniq[0]! : 'mixed');
      st.why.get(h)!.delete(name);
    }
  }
}

function defaultMetricOf(sg: PyDict): string {
  if (sg.has('metric')) return String(sg.get('metric'));
  if (sg.get('std') === true) return 'standard_deviation';
  if (sg.get('sum') === true) return 'sum';
  const w = sg.get('weights');
  if (w instanceof PyDict ? w.size > 0 : Boolean(sequenceItems(w ?? undefined)?.length)) return 'weighted_average';
  if (sg.get('harmonic_mean') === true) return 'harmonic_mean';
  return 'naive_average';
}

function compileTransforms(sg: PyDict, name: string, issues: Issue[]): Map<string, Transform> | undefined {
  const out = new Map<string, Transform>();
  const t = sg.get('transforms');
  if (!(t instanceof PyDict)) return out;
  for (const [abbr, expr] of t) {
    try {
      if (typeof expr !== 'string') throw new TransformError('not a string');
      out.set(String(abbr), compileTransform(expr));
    } catch (e) {
      if (!(e instanceof TransformError)) throw e;
      issues.push(
        issue('SW_SUMMARY_TRANSFORM_INVALID', `group ${name}, transform of ${String(abbr)}: ${e.message}`, {
          hint: 'use arithmetic in x (+ - * / ** min max abs math.*)',
        }),
      );
      return undefined;
    }
  }
  return out;
}

/** Step 7 of §7.6, chosen by the name of the default metric; a string is the KeyError OpenCompass would raise. */
function aggregate(defaultMetric: string, m: Map<string, PyNum>, weights: (readonly [string, PyValue])[] | undefined): PyNum | string {
  const values = [...m.values()];
  if (defaultMetric === 'standard_deviation') {
    const avg = fl(pySum(values)) / values.length;
    const variance = fl(pySum(values.map((v) => (fl(v) - avg) ** 2))) / values.length;
    return Math.sqrt(variance);
  }
  if (defaultMetric === 'harmonic_mean') {
    const nonPositive = values.some((v) => fl(v) <= 0);
    return values.length / fl(pySum(values.map((v) => 1 / (nonPositive ? Math.max(fl(v), 1) : fl(v)))));
  }
  let numerator: PyNum;
  let denominator: PyNum;
  if (weights) {
    const used = weights.filter(([, w]) => isMetricValue(w) && fl(toPy(w as PyNum)) !== 0);
    const lookup = (table: Map<string, PyNum>) => used.map(([k, w]) => (table.has(k) ? pyMul(table.get(k)!, toPy(w as PyNum)) : undefined));
    let terms = lookup(m);
    if (terms.includes(undefined)) {
      const bare = new Map([...m].map(([k, v]) => [k.split('@')[0]!, v] as const));
      terms = lookup(bare);
      const bad = used.find(([k]) => !bare.has(k));
      if (bad) return `weight key ${bad[0]} is not a subset (KeyError)`;
    }
    numerator = pySum(terms as PyNum[]);
    denominator = pySum(weights.map(([, w]) => (isMetricValue(w) ? toPy(w as PyNum) : 0n)));
  } else {
    numerator = pySum(values);
    denominator = BigInt(values.length);
  }
  if (defaultMetric === 'sum') return numerator;
  return fl(numerator) / fl(denominator);
}

/** _format_table: rows, version hashes, modes and the `-` placeholders, each `-` explained. */
function formatTable(experiment: Experiment, st: State, modelAbbrs: string[], required: readonly PyValue[] | undefined, issues: Issue[]) {
  const version = new Map<string, string>();
  for (const ds of experiment.datasets) {
    try {
      version.set(ds.abbr, promptHash(ds.config));
    } catch (e) {
      issues.push(
        issue('SW_SUMMARY_PROMPT_HASH', `${ds.abbr}: ${(e as Error).message}; OpenCompass fails while formatting the table`, {
          abbr: ds.abbr,
          hint: 'give the dataset an infer_cfg with a retriever',
        }),
      );
      version.set(ds.abbr, '-');
    }
  }
  const rows: [string, string | undefined][] = [];
  if (!required) {
    for (const ds of experiment.datasets) {
      const ms = st.datasetMetrics.get(ds.abbr);
      if (ms) for (const m of ms) rows.push([ds.abbr, m]);
      else rows.push([ds.abbr, undefined]);
    }
    for (const [abbr, ms] of st.datasetMetrics) for (const m of ms) if (!rows.some(([a, x]) => a === abbr && x === m)) rows.push([abbr, m]);
  } else {
    for (const item of required) {
      if (typeof item === 'string') rows.push([item, undefined]);
      else {
        const pair = sequenceItems(item);
        if (pair) rows.push([String(pair[0]), String(pair[1])]);
      }
    }
  }
  const table: string[][] = [['dataset', 'version', 'metric', 'mode', ...modelAbbrs]];
  const dashes: DashReason[] = [];
  const configAbbrs = new Set(experiment.datasets.map((d) => d.abbr));
  for (const [abbr, wanted] of rows) {
    const ms = st.datasetMetrics.get(abbr);
    if (!ms || (wanted !== undefined && !ms.includes(wanted))) {
      table.push([abbr, '-', '-', '-', ...modelAbbrs.map(() => '-')]);
      if (ms)
        dashes.push({
          row: abbr,
          metric: wanted!,
          kind: 'metric-filtered',
          reason: `no model reports ${wanted} for ${abbr} (metrics: ${ms.join(', ')})`,
        });
      else if (!configAbbrs.has(abbr) && !modelAbbrs.some((h) => st.why.get(h)!.has(abbr)))
        dashes.push({ row: abbr, kind: 'not-a-dataset', reason: 'not a config dataset or summary group (a separator?)' });
      else
        for (const h of modelAbbrs)
          dashes.push({ row: abbr, model: h, ...(st.why.get(h)!.get(abbr) ?? { kind: 'no-file', reason: 'no result' }) });
      continue;
    }
    const metric = wanted ?? ms[0]!;
    const row = [abbr, version.get(abbr) ?? '-', metric, st.mode.get(abbr) ?? '-'];
    for (const h of modelAbbrs) {
      const v = st.parsed.get(h)!.get(abbr)?.get(metric);
      if (v === undefined) {
        row.push('-');
        const left = st.leftOut.get(h)!.get(abbr)?.get(metric);
        const why = left !== undefined ? { kind: 'refused-merge' as const, reason: left } : st.why.get(h)!.get(abbr);
        dashes.push({ row: abbr, metric, model: h, ...(why ?? { kind: 'metric-filtered', reason: `${h} does not report ${metric}` }) });
      } else row.push(pyFormatFixed(fl(toPy(v)), 2));
    }
    table.push(row);
  }
  return { table, dashes };
}

function formatRawTxt(st: State, modelAbbrs: string[]): string {
  const names: string[] = [];
  for (const h of modelAbbrs) for (const k of st.raw.get(h)!.keys()) if (!names.includes(k)) names.push(k);
  const lines: string[] = [];
  for (const h of modelAbbrs) {
    lines.push('-'.repeat(31), `Model: ${h}`);
    for (const n of names) {
      const r = st.raw.get(h)!.get(n);
      lines.push(`${n}: ${r ? pyRepr(r) : '{}'}`);
    }
  }
  return lines.join('\n');
}

function markdown(table: string[][]): string {
  const [header = [], ...rows] = table;
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '-----').join(' | ')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
  return lines.map((l) => l + '\n').join('');
}
