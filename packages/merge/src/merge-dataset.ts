import {
  detailsMatchRows,
  evaluatorInfoOf,
  issue,
  PyDict,
  pyRepr,
  resolveRule,
  type EvaluatorInfo,
  type Issue,
  type IssueCode,
  type KeyRule,
  type PyValue,
  type RuleClass,
  type RuleOrigin,
  type RuleTable,
} from '@shardwise/core';
import type { DatasetEntry } from '@shardwise/plan';
import { resolved } from './py-json.js';
import { countMerge } from './count-exact.js';
import { recomputes } from './recomputes/index.js';
import { shardRows, type ShardRows } from './sample-counts.js';
import { isMetricValue, num, type ShardInput } from './shard-input.js';
import { shardWeight } from './weight-sources.js';

/*
 * The merge of one model × dataset, step by step (the generated Python follows the same steps):
 *  1. every planned shard result must be present and parsed, and no unplanned `<abbr>_<j>.json` exist;
 *  2. a shard holding `error` fails the merge; the in-memory result is {"error": "shard <i>: <msg>"};
 *  3. n > 1 → refuse (R);
 *  4. N_i = the plan's size, cross-checked (sample-counts.ts); disagreement → refuse;
 *  5. keys = union over shards, shard-0 order then first-seen; each key's rule from the table
 *     (merge-rules.ts). A key resolving to R refuses the merge, except a non-numeric key no explicit
 *     rule covers, which is copied when identical in every shard;
 *  6. A / A* (w_i from the weight source; w_i = 0 shards skipped, whatever their value): num = 0.0;
 *     den = 0; for i in shard order: a value that is not a number refuses (BAD_VALUE), a NaN/±inf one
 *     refuses (NON_FINITE: the unsplit mean is not a weighted mean of it, docs/metrics.md §0.4, §10);
 *     num += value_i·w_i; den += w_i; value = num / den (den = 0 → shard 0's value). Lists combine
 *     element-wise. A key's refusals rank KEYS_DIFFER, BAD_VALUE, NON_FINITE (REFUSAL_RANK). SUM: exact ints stay ints, floats stay floats. MAX / MIN.
 *     COPY: shard 0's value;
 *  7. S and D after the others, by their named formula (recomputes/), reading the merged counts;
 *  8. the merged dict keeps the key order of step 5 (details stay where shard 0 had them, i.e. last).
 */

export interface MergeDatasetInput {
  /** Real model abbr (results/ folder). */
  model: string;
  dataset: DatasetEntry;
  /** The planned eval shards in index order. */
  shards: ShardInput[];
  rules: RuleTable;
  /** Run-relative result files `<abbr>_<j>.json` that exist but are not planned. */
  extraShardFiles?: string[];
}

export interface KeyDecision {
  key: string;
  rule: RuleClass;
  origin: RuleOrigin | 'non-numeric-copy';
  reason?: string;
  approximate?: boolean;
  recompute?: string;
  weight?: string;
  /** A with a count formula: the evaluator's arithmetic (rule table `countFormula`). */
  countFormula?: string;
  /** The per-shard integer counts the merged value was computed from (count-exact merge). */
  counts?: number[];
  /** Why the count-exact merge fell back to the weighted mean. */
  countFallback?: string;
}

export interface Refusal {
  code: IssueCode;
  reason: string;
  /** Keys that block the merge, with their rule and reason. */
  keys: KeyDecision[];
  /** What the user can do. */
  fix: string;
  /** Re-evaluating the merged predictions gives the exact result. */
  reevaluate: boolean;
}

/** A key no rule of the evaluator covers, left out of a merge of the keys the rules do cover. */
export interface LeftOutKey {
  key: string;
  reason: string;
  /** The shardwise.toml rule that would merge it. */
  tomlRule: string;
}

export interface MergeOutcome {
  model: string;
  dataset: string;
  status: 'merged' | 'refused';
  /** The merged result (status merged), or the propagated `{"error": …}` of a failed shard. */
  result?: PyDict;
  rows: ShardRows[];
  keys: KeyDecision[];
  refusal?: Refusal;
  /** Status merged: keys left out of the result because no rule of the evaluator covers them. */
  leftOut?: LeftOutKey[];
  issues: Issue[];
}

/** What rule lookup needs from the dataset's eval_cfg.evaluator. */
export const evaluatorInfo = (dataset: DatasetEntry): EvaluatorInfo => evaluatorInfoOf(dataset.config, dataset.evaluatorType);

export function mergeDataset(input: MergeDatasetInput): MergeOutcome {
  const { model, dataset, shards } = input;
  const abbr = dataset.abbr;
  const where = { model, abbr };
  const base = { model, dataset: abbr, rows: [] as ShardRows[], keys: [] as KeyDecision[] };
  const refuse = (code: IssueCode, reason: string, fix: string, reevaluate: boolean, extra: Partial<MergeOutcome> = {}): MergeOutcome => ({
    ...base,
    ...extra,
    status: 'refused',
    refusal: { code, reason, keys: extra.keys?.filter((k) => k.rule === 'R') ?? [], fix, reevaluate },
    issues: [...(extra.issues ?? []), issue(code, `${model}/${abbr}: ${reason}`, { model, abbr, hint: fix })],
  });

  const missing = shards.filter((s) => !s.result);
  if (missing.length)
    return refuse(
      'SW_MERGE_SHARD_MISSING',
      `shard result ${missing.map((s) => s.file).join(', ')} missing or unreadable`,
      'run the missing shard evaluations (`opencompass <config> -m eval -r <ts>` re-runs only what is missing), or re-evaluate the merged predictions',
      true,
    );
  if (input.extraShardFiles?.length)
    return refuse(
      'SW_MERGE_SHARD_EXTRA',
      `unplanned shard results ${input.extraShardFiles.join(', ')} (the plan has ${shards.length} shards)`,
      'move the stale files away (they come from a run with another split), then merge again',
      false,
    );
  const errors = shards.flatMap((s) => (s.result!.has('error') ? [`shard ${s.planned.shard}: ${pyStrOf(s.result!.get('error')!)}`] : []));
  if (errors.length)
    return refuse(
      'SW_MERGE_SHARD_ERROR',
      errors.join('; '),
      'fix the evaluation error, delete the failed shard results and re-run them, or re-evaluate the merged predictions',
      true,
      { result: new PyDict([['error', errors[0]!]]) },
    );
  if (dataset.n > 1)
    return refuse(
      'SW_MERGE_REPEATED_SAMPLING',
      `n = ${dataset.n}: shards cut across replicas (docs/metrics.md §6)`,
      're-evaluate the merged predictions',
      true,
    );

  const ev = evaluatorInfo(dataset);
  const perRow = detailsMatchRows(input.rules, ev);
  const counted = shards.map((s) => shardRows(s, perRow, where));
  const rows = counted.map((c) => c.rows);
  const countIssues = counted.flatMap((c) => c.issues);
  if (countIssues.length)
    return refuse('SW_MERGE_COUNT_MISMATCH', 'shard row counts disagree with the plan', countIssues[0]!.hint ?? '', false, {
      rows,
      issues: countIssues,
    });

  const keys = unionKeys(shards);
  const decisions = keys.map((k) => decide(input.rules, ev, k, shards));
  const refused = decisions.filter((d) => d.rule === 'R');
  // A key the evaluator's rule does not list is left out when the rules cover other metrics (a customised
  // evaluator's extra key); a key a rule refuses, or an evaluator the table does not know, refuses the dataset.
  const unlisted = refused.filter((d) => d.origin === 'not-listed' || d.origin === 'fallback');
  const covered = decisions.some((d) => d.rule !== 'R' && d.origin !== 'format' && d.origin !== 'non-numeric-copy');
  const blocking = unlisted.length === refused.length && covered ? [] : refused;
  if (blocking.length) {
    const unknown = blocking.every((d) => d.origin === 'unknown-evaluator');
    const reason = blocking.map((d) => `${d.key}: ${d.reason}`).join('; ');
    return refuse(
      unknown ? 'SW_MERGE_UNKNOWN_EVALUATOR' : 'SW_MERGE_NEEDS_REEVAL',
      reason,
      unknown
        ? 're-evaluate the merged predictions, or add a rule for this evaluator under [merge] rules in shardwise.toml'
        : 're-evaluate the merged predictions',
      true,
      { rows, keys: decisions },
    );
  }

  const Ns = rows.map((r) => r.rows);
  const merged = new PyDict();
  const dropped = new Set<string>();
  const problems: { key: string; code: IssueCode; text: string }[] = [];
  const byKey = new Map(decisions.map((d) => [d.key, d]));
  const applyRule = (key: string, rule: KeyRule | KeyDecision, late: boolean): void => {
    const isLate = rule.rule === 'S' || rule.rule === 'D';
    if (isLate !== late) return;
    const out = isLate ? recomputed(rule as KeyDecision, key, abbr, shards, Ns, merged) : combine(rule as KeyDecision, key, shards, Ns);
    if ('value' in out) merged.set(key, out.value);
    else if ('drop' in out) dropped.add(key);
    else problems.push({ key, code: out.code ?? 'SW_MERGE_BAD_VALUE', text: out.refuse });
  };
  const leftOut = new Set(unlisted.map((d) => d.key));
  for (const late of [false, true]) for (const k of keys) if (!leftOut.has(k)) applyRule(k, byKey.get(k)!, late);
  if (problems.length)
    return refuse(
      REFUSAL_RANK.find((c) => problems.some((p) => p.code === c))!,
      problems.map((p) => `${p.key}: ${p.text}`).join('; '),
      're-evaluate the merged predictions',
      true,
      { rows, keys: decisions },
    );

  const result = new PyDict();
  for (const k of keys) if (merged.has(k)) result.set(k, merged.get(k)!);
  const issues: Issue[] = [];
  const approx = decisions.filter((d) => d.approximate).map((d) => d.key);
  for (const d of decisions.filter((x) => x.countFallback !== undefined && merged.has(x.key)))
    issues.push(
      issue('SW_MERGE_COUNT_INEXACT', `${model}/${abbr}: ${d.key} merged as the weighted mean, not from counts: ${d.countFallback}`, {
        model,
        abbr,
        hint: 'its last digits may differ from an unsplit evaluation; re-evaluate the merged predictions for the exact value',
      }),
    );
  const left = unlisted.map((d): LeftOutKey => ({
    key: d.key,
    reason: d.reason ?? 'no rule covers it',
    tomlRule: tomlRuleFor(ev.type, d.key),
  }));
  if (left.length)
    issues.push(
      issue(
        'SW_MERGE_KEY_UNLISTED',
        `${model}/${abbr}: ${left.map((k) => `${k.key} (${k.reason})`).join('; ')} left out of the merge; the other metrics are merged`,
        {
          model,
          abbr,
          hint: `if a key is a mean over rows, add to shardwise.toml:\n${left.map((k) => k.tomlRule).join('\n')}\n(rule SUM for a count, A* with weight for another mean), or re-evaluate the merged predictions`,
        },
      ),
    );
  if (approx.length)
    issues.push(
      issue('SW_MERGE_APPROXIMATE', `${model}/${abbr}: ${approx.join(', ')} merged from rounded shard values`, {
        model,
        abbr,
        hint: 're-evaluate the merged predictions for an exact value',
      }),
    );
  if (dropped.has('details'))
    issues.push(
      issue('SW_MERGE_DETAILS_DROPPED', `${model}/${abbr}: not every shard has details; the merged result has none`, { model, abbr }),
    );
  return { ...base, status: 'merged', result, rows, keys: decisions, ...(left.length ? { leftOut: left } : {}), issues };
}

/** The `[[merge.rules]]` entry (schemas/shardwise-toml.schema.json) that merges a key as a mean over rows. */
export function tomlRuleFor(evaluator: string | undefined, key: string): string {
  return `[[merge.rules]]\nevaluator = ${JSON.stringify(evaluator ?? '*')}\nkey = ${JSON.stringify(key)}\nrule = "A"`;
}

function pyStrOf(v: PyValue): string {
  return typeof v === 'string' ? v : pyRepr(v);
}

/** Union of result keys: shard-0 order, then first-seen order in later shards. */
function unionKeys(shards: ShardInput[]): string[] {
  const seen = new Set<string>();
  for (const s of shards) for (const k of s.result!.keys()) if (typeof k === 'string') seen.add(k);
  return [...seen];
}

function decide(table: RuleTable, ev: EvaluatorInfo, key: string, shards: ShardInput[]): KeyDecision {
  const { rule, origin } = resolveRule(table, ev, key);
  const implicit = origin === 'fallback' || origin === 'not-listed' || origin === 'unknown-evaluator';
  // Only this branch compares values, so only it builds deferred ones (details are never implicit).
  const values = rule.rule === 'R' && implicit ? shards.map((s) => resolved(s.result!.get(key))).filter((v) => v !== undefined) : [];
  if (rule.rule === 'R' && implicit && !values.some(isMetricValue)) {
    const same = values.every((v) => pyRepr(v) === pyRepr(values[0]!)) && values.length === shards.length;
    if (same) return { key, rule: 'COPY', origin: 'non-numeric-copy', reason: 'not a metric; identical in every shard' };
    return { key, rule: 'R', origin, reason: 'non-numeric value differs across shards and no rule merges it' };
  }
  return {
    key,
    rule: rule.rule,
    origin,
    ...(rule.reason ? { reason: rule.reason } : {}),
    ...(rule.approximate ? { approximate: true } : {}),
    ...(rule.recompute ? { recompute: rule.recompute } : rule.rule === 'D' ? { recompute: 'correct-percent-of-rows' } : {}),
    ...(rule.weight ? { weight: JSON.stringify(rule.weight) } : {}),
    ...(rule.countFormula ? { countFormula: rule.countFormula } : {}),
  };
}

/** A refusal's code when it carries none is BAD_VALUE. */
type Combined = { value: PyValue } | { drop: string } | { refuse: string; code?: IssueCode };

/** Step 6/7 refusals of several keys: the dataset's code is the first of these that any key gave. */
const REFUSAL_RANK: IssueCode[] = ['SW_MERGE_KEYS_DIFFER', 'SW_MERGE_BAD_VALUE', 'SW_MERGE_NON_FINITE'];

function recomputed(d: KeyDecision, key: string, abbr: string, shards: ShardInput[], rows: number[], merged: PyDict): Combined {
  const f = recomputes[(d.recompute ?? 'correct-percent-of-rows') as keyof typeof recomputes];
  return f({ key, abbr, shards, rows, merged });
}

/** A, A*, SUM, MAX, MIN, COPY over the shards' values of one key. */
function combine(d: KeyDecision, key: string, shards: ShardInput[], rows: number[]): Combined {
  const stored = shards.map((s) => s.result!.get(key));
  if (d.rule === 'COPY') return { value: stored.find((v) => v !== undefined)! };
  const values = stored.map(resolved);
  let weights = rows;
  if (d.rule === 'A*') {
    const spec = JSON.parse(d.weight!) as NonNullable<KeyRule['weight']>;
    const ws = shards.map((s, i) => shardWeight(spec, s, rows[i]!));
    const bad = ws.find((w) => typeof w === 'string');
    if (bad !== undefined) return { refuse: `weight unknown: ${bad}` };
    weights = ws as number[];
  }
  const missingAt = values.findIndex((v, i) => v === undefined && weights[i] !== 0);
  if (missingAt !== -1) return { refuse: `missing in shard ${shards[missingAt]!.planned.shard}`, code: 'SW_MERGE_KEYS_DIFFER' };
  if (d.rule === 'A' && d.countFormula !== undefined && !values.some(Array.isArray)) {
    const exact = countMerge(
      d.countFormula,
      values,
      rows,
      shards.map((s) => s.planned.shard),
    );
    if ('value' in exact) {
      d.counts = exact.counts;
      return { value: exact.value };
    }
    d.countFallback = exact.fallback;
  }
  if (d.rule === 'A' || d.rule === 'A*')
    return weightedMean(values.map((v, i) => ({ v, w: weights[i]!, shard: shards[i]!.planned.shard })));
  if (d.rule === 'SUM') return sum(values as PyValue[]);
  return extremum(values as PyValue[], d.rule === 'MAX');
}

/** One shard's value of a key, its weight, and its shard index (named in refusals). */
interface Weighted {
  v: PyValue | undefined;
  w: number;
  shard: number | null;
}

function weightedMean(terms: Weighted[]): Combined {
  const used = terms.filter((t) => t.w !== 0);
  if (!used.length) return { value: terms.find((t) => t.v !== undefined)?.v ?? null };
  const first = used[0]!.v!;
  if (Array.isArray(first)) {
    const width = first.length;
    if (!used.every((t) => Array.isArray(t.v) && t.v.length === width)) return { refuse: 'list values of different lengths' };
    const cols: PyValue[] = [];
    for (let j = 0; j < width; j++) {
      const col = weightedMean(used.map((t) => ({ ...t, v: (t.v as PyValue[])[j] })));
      if (!('value' in col)) return col;
      cols.push(col.value);
    }
    return { value: cols };
  }
  let numr = 0;
  let den = 0;
  for (const { v, w, shard } of used) {
    if (!isMetricValue(v)) return { refuse: `value ${v === null ? 'None' : pyRepr(v!)} is not a number` };
    if (!Number.isFinite(num(v))) return { refuse: `shard ${shard} has ${pyRepr(v)} and a nonzero weight`, code: 'SW_MERGE_NON_FINITE' };
    numr += num(v) * w;
    den += w;
  }
  return { value: numr / den };
}

function sum(values: PyValue[]): Combined {
  if (values.every(Array.isArray)) {
    const width = (values[0] as PyValue[]).length;
    if (!values.every((v) => (v as PyValue[]).length === width)) return { refuse: 'list values of different lengths' };
    const cols: PyValue[] = [];
    for (let j = 0; j < width; j++) {
      const col = sum(values.map((v) => (v as PyValue[])[j]!));
      if (!('value' in col)) return col;
      cols.push(col.value);
    }
    return { value: cols };
  }
  if (!values.every(isMetricValue)) return { refuse: 'a count is not a number' };
  if (values.every((v) => typeof v !== 'number'))
    return { value: values.reduce<bigint>((s, v) => s + (typeof v === 'bigint' ? v : v ? 1n : 0n), 0n) };
  let s = 0;
  for (const v of values) s += num(v);
  return { value: s };
}

function extremum(values: PyValue[], max: boolean): Combined {
  if (!values.every(isMetricValue)) return { refuse: 'a value is not a number' };
  let best = values[0]!;
  for (const v of values.slice(1)) if (max ? num(v) > num(best) : num(v) < num(best)) best = v;
  return { value: best };
}
