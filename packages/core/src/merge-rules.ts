import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvaluatorEntry, KeyRule, MergeRules } from './generated/merge-rules.generated.js';
import type { MergeRule } from './generated/shardwise-toml.generated.js';
import { issue, type Issue } from './issue.js';
import { dig, PyDict, type PyValue } from './py-value.js';
import { schemasDir } from './assets.js';
import { fnmatch } from './fnmatch.js';
import { validateAgainst } from './schema-registry.js';

/*
 * THE owner of evaluator knowledge: loading the rule table and looking rules up. `merge` merges by it,
 * `check` derives its per-shard verdicts from it (evaluatorVerdict), and the PR #2451 misfit reads it, so
 * none of them can disagree about an evaluator.
 */

/** The rule table in force: the built-in `schemas/merge-rules.json` with shardwise.toml rules in front. */
export type RuleTable = MergeRules;

export const RULES_FILE = 'merge-rules.json';

/** Path of THE rule table (the generated Python embeds this exact file). */
export const mergeRulesPath = (): string => join(schemasDir(), RULES_FILE);

/**
 * Reads `schemas/merge-rules.json` and puts the user's `[merge] rules` from shardwise.toml in front (user
 * rules win). A bad user rule is a coded issue and is skipped. The built-in table ships with shardwise and
 * is validated against its schema by the tests and when the release is packed, not on every run: compiling
 * the schema cost more than reading the whole config.
 */
export function loadMergeRules(extra: MergeRule[] = []): { rules: RuleTable; issues: Issue[] } {
  const table = JSON.parse(readFileSync(mergeRulesPath(), 'utf8')) as MergeRules;
  const issues: Issue[] = [];
  const user: EvaluatorEntry[] = [];
  extra.forEach((r, i) => {
    const converted = fromTomlRule(r);
    const where = `merge.rules[${i}] (${r.evaluator} / ${r.key})`;
    if (typeof converted === 'string') {
      issues.push(issue('SW_MERGE_RULES_INVALID', `${where}: ${converted}`, { hint: 'fix or remove this rule in shardwise.toml' }));
      return;
    }
    const problems = validateAgainst('merge-rules.schema.json', { version: 1, formatKeys: [], evaluators: [converted], fallback: [] });
    if (problems.length) {
      for (const p of problems)
        issues.push(issue('SW_MERGE_RULES_INVALID', `${where}: ${p.message}`, { hint: 'fix or remove this rule in shardwise.toml' }));
      return;
    }
    user.push(converted);
  });
  return { rules: { ...table, evaluators: [...user, ...table.evaluators] }, issues };
}

/** A shardwise.toml rule as a one-key evaluator entry; a string explains why it cannot be used. */
function fromTomlRule(r: MergeRule): EvaluatorEntry | string {
  const key: KeyRule = { key: r.key, rule: r.rule, reason: r.reason ?? 'rule from shardwise.toml' };
  if (r.rule === 'S') return 'rule S needs a named recompute formula, which only the built-in table can name';
  if (r.rule === 'A*') {
    if (!r.weight) return 'rule A* needs `weight` (a result key holding the count, or "details")';
    key.weight = r.weight === 'details' ? { source: 'details-length' } : { source: 'result-key', key: r.weight };
  } else if (r.weight) return `\`weight\` only applies to rule A*, not ${r.rule}`;
  if (r.rule === 'D') key.recompute = 'correct-percent-of-rows';
  return { evaluator: r.evaluator, keys: [key], source: 'shardwise.toml' };
}

/** What the evaluator config says, as far as rule lookup needs it. */
export interface EvaluatorInfo {
  /** Last dotted segment of eval_cfg.evaluator.type; undefined when the dataset has none. */
  type?: string;
  /** Last dotted segment of eval_cfg.evaluator.dict_postprocessor.type. */
  postprocessor?: string;
  /** Keys present in eval_cfg.evaluator (for refuseIfConfigHas). */
  configKeys: string[];
}

export type RuleOrigin = 'format' | 'evaluator' | 'fallback' | 'not-listed' | 'unknown-evaluator' | 'shard-eval-invalid' | 'config-invalid';

export interface ResolvedRule {
  rule: KeyRule;
  origin: RuleOrigin;
  /** The evaluator entry that decided, when any. */
  entry?: EvaluatorEntry;
}

/** Per table, the matching entries by evaluator and postprocessor: every dataset × model asks, for a handful of evaluators. */
const entriesByTable = new WeakMap<RuleTable, Map<string, EvaluatorEntry[]>>();

/** The entries that apply to an evaluator, in table order (user rules first). */
export function entriesFor(table: RuleTable, ev: EvaluatorInfo): EvaluatorEntry[] {
  if (!ev.type) return [];
  let byEvaluator = entriesByTable.get(table);
  if (!byEvaluator) entriesByTable.set(table, (byEvaluator = new Map<string, EvaluatorEntry[]>()));
  const id = `${ev.type}\u0000${ev.postprocessor ?? ''}`;
  let entries = byEvaluator.get(id);
  if (!entries) {
    entries = table.evaluators.filter(
      (e) =>
        fnmatch(ev.type!, e.evaluator) &&
        (e.postprocessor === undefined || (ev.postprocessor !== undefined && fnmatch(ev.postprocessor, e.postprocessor))),
    );
    byEvaluator.set(id, entries);
  }
  return entries;
}

/**
 * The rule of one result key: formatKeys; then, over the matching entries in order, an entry's
 * shardEvalInvalid or refuseIfConfigHas (every key R) or its first matching key rule; then the
 * fallback table when every matching entry allows it; otherwise R. No matching entry → R.
 */
export function resolveRule(table: RuleTable, ev: EvaluatorInfo, key: string): ResolvedRule {
  const format = table.formatKeys.find((r) => fnmatch(key, r.key));
  if (format) return { rule: format, origin: 'format' };
  const entries = entriesFor(table, ev);
  if (!entries.length) {
    const reason = ev.type ? `evaluator ${ev.type} is not in the rule table` : 'the dataset has no eval_cfg.evaluator';
    return { rule: { key, rule: 'R', reason }, origin: 'unknown-evaluator' };
  }
  for (const entry of entries) {
    const invalid = entryRefusal(entry, ev);
    if (invalid) return { rule: { key, rule: 'R', reason: invalid.reason }, origin: invalid.origin, entry };
    const hit = entry.keys.find((r) => fnmatch(key, r.key));
    if (hit) return { rule: hit, origin: 'evaluator', entry };
  }
  if (entries.every((e) => e.useFallback !== false)) {
    const fb = table.fallback.find((r) => fnmatch(key, r.key));
    if (fb) return { rule: fb, origin: 'fallback', entry: entries[0] };
  }
  return {
    rule: { key, rule: 'R', reason: `key not listed for ${ev.type} and no fallback rule applies` },
    origin: 'not-listed',
    entry: entries[0],
  };
}

/** An entry that makes every key R: per-shard evaluation is itself invalid, or the evaluator config has a key that makes it so. */
function entryRefusal(
  entry: EvaluatorEntry,
  ev: EvaluatorInfo,
): { origin: 'shard-eval-invalid' | 'config-invalid'; reason: string } | undefined {
  if (entry.shardEvalInvalid) return { origin: 'shard-eval-invalid', reason: entry.shardEvalInvalid };
  const bad = entry.refuseIfConfigHas?.find((k) => ev.configKeys.includes(k));
  return bad
    ? { origin: 'config-invalid', reason: `${ev.type} with \`${bad}\` rebuilds the whole dataset in every shard (docs/metrics.md §5)` }
    : undefined;
}

/** details cross-check allowed unless some matching entry says its details are not one per row. */
export function detailsMatchRows(table: RuleTable, ev: EvaluatorInfo): boolean {
  return entriesFor(table, ev).every((e) => e.detailsMatchRows !== false);
}

/** What rule lookup needs from a dataset's eval_cfg.evaluator (`type` is its last dotted segment). */
export function evaluatorInfoOf(datasetConfig: PyValue | undefined, evaluatorType: string | undefined): EvaluatorInfo {
  const ev = dig(datasetConfig, 'eval_cfg', 'evaluator');
  const post = dig(ev, 'dict_postprocessor', 'type');
  return {
    ...(evaluatorType ? { type: evaluatorType } : {}),
    ...(typeof post === 'string' ? { postprocessor: post.split('.').pop()! } : {}),
    configKeys: ev instanceof PyDict ? [...ev.keys()].filter((k): k is string => typeof k === 'string') : [],
  };
}

/** mergeable: combined over shards (A, A*, SUM, MAX, MIN, COPY); recompute: rebuilt by a named formula (S, D); refused: R. */
export type KeyVerdictKind = 'mergeable' | 'recompute' | 'refused';

export interface KeyVerdict {
  /** A key pattern the evaluator's entries list (`*` wildcards). */
  key: string;
  rule: KeyRule['rule'];
  verdict: KeyVerdictKind;
  reason?: string;
}

export interface EvaluatorVerdict {
  /** Why no key of this evaluator can be merged: not in the table, invalid per shard, or an invalidating config key. */
  refused?: { origin: 'unknown-evaluator' | 'shard-eval-invalid' | 'config-invalid'; reason: string };
  /** Every key pattern the matching entries list, in table order, each with the rule a key of that name gets. */
  keys: KeyVerdict[];
}

export const verdictOf = (rule: KeyRule['rule']): KeyVerdictKind =>
  rule === 'R' ? 'refused' : rule === 'S' || rule === 'D' ? 'recompute' : 'mergeable';

/**
 * What `merge` will do with an evaluator's results, before there are any: the evaluator-level refusal, and
 * per listed key pattern the rule `resolveRule` gives a key of that name (so the lookup is merge's own).
 */
export function evaluatorVerdict(table: RuleTable, ev: EvaluatorInfo): EvaluatorVerdict {
  const entries = entriesFor(table, ev);
  const patterns = [...new Set(entries.flatMap((e) => e.keys.map((k) => k.key)))];
  const keys = patterns.map((key): KeyVerdict & { origin: RuleOrigin } => {
    const { rule, origin } = resolveRule(table, ev, key);
    return { key, rule: rule.rule, verdict: verdictOf(rule.rule), ...(rule.reason ? { reason: rule.reason } : {}), origin };
  });
  // resolveRule meets the first matching entry first for every key: when it refuses, every key is refused.
  const unknown = entries.length ? undefined : { origin: 'unknown-evaluator' as const, reason: resolveRule(table, ev, '').rule.reason! };
  const refused = unknown ?? entryRefusal(entries[0]!, ev);
  return { ...(refused ? { refused } : {}), keys: keys.filter((k) => k.origin === 'evaluator').map(({ origin: _, ...k }) => k) };
}

/**
 * Why a mean of shard values weighted by sample count (PR #2451's merge) is wrong for an evaluator: only rule A
 * keys are sample means; S (corpus metrics), SUM (counts), A* (other weights), MAX, MIN and R keys are not, nor is
 * any metric of an evaluator missing from the table or invalid per shard. Undefined when every listed key is A.
 */
export function weightedMeanMisfit(table: RuleTable, ev: EvaluatorInfo): string | undefined {
  if (!ev.type) return 'it has no evaluator';
  const v = evaluatorVerdict(table, ev);
  if (v.refused?.origin === 'unknown-evaluator')
    return `${ev.type} is not in the merge-rule table, so its metrics are not known to be sample means`;
  if (v.refused) return `${ev.type} is invalid per shard: ${v.refused.reason}`;
  const off = v.keys.filter((k) => k.rule !== 'A').map((k) => `${k.key} is ${k.rule}`);
  return off.length ? `${ev.type}: ${off.join(', ')}` : undefined;
}
