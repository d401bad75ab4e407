import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  issue, schemasDir, validateAgainst,
  type EvaluatorEntry, type Issue, type KeyRule, type MergeRule, type MergeRules,
} from '@shardwise/core';
import { fnmatch } from '@shardwise/plan';

/** The rule table in force: the built-in `schemas/merge-rules.json` with shardwise.toml rules in front. */
export type RuleTable = MergeRules;

export const RULES_FILE = 'merge-rules.json';

/** Path of THE rule table (the generated Python embeds this exact file). */
export const mergeRulesPath = (): string => join(schemasDir(), RULES_FILE);

/**
 * Reads `schemas/merge-rules.json`, validates it, and puts the user's `[merge] rules` from
 * shardwise.toml in front (user rules win). A bad user rule is a coded issue and is skipped.
 */
export function loadMergeRules(extra: MergeRule[] = []): { rules: RuleTable; issues: Issue[] } {
  const file = mergeRulesPath();
  const table = JSON.parse(readFileSync(file, 'utf8')) as MergeRules;
  const issues: Issue[] = validateAgainst('merge-rules.schema.json', table).map((p) =>
    issue('SW_MERGE_RULES_INVALID', `${p.pointer || '(top level)'} ${p.message}`, { file, hint: 'fix the built-in rule table' }),
  );
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
      for (const p of problems) issues.push(issue('SW_MERGE_RULES_INVALID', `${where}: ${p.message}`, { hint: 'fix or remove this rule in shardwise.toml' }));
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

/** The entries that apply to an evaluator, in table order (user rules first). */
export function entriesFor(table: RuleTable, ev: EvaluatorInfo): EvaluatorEntry[] {
  if (!ev.type) return [];
  return table.evaluators.filter(
    (e) => fnmatch(ev.type!, e.evaluator) && (e.postprocessor === undefined || (ev.postprocessor !== undefined && fnmatch(ev.postprocessor, e.postprocessor))),
  );
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
    if (entry.shardEvalInvalid) return { rule: { key, rule: 'R', reason: entry.shardEvalInvalid }, origin: 'shard-eval-invalid', entry };
    const bad = entry.refuseIfConfigHas?.find((k) => ev.configKeys.includes(k));
    if (bad) {
      const reason = `${ev.type} with \`${bad}\` rebuilds the whole dataset in every shard (metrics.md §5)`;
      return { rule: { key, rule: 'R', reason }, origin: 'config-invalid', entry };
    }
    const hit = entry.keys.find((r) => fnmatch(key, r.key));
    if (hit) return { rule: hit, origin: 'evaluator', entry };
  }
  if (entries.every((e) => e.useFallback !== false)) {
    const fb = table.fallback.find((r) => fnmatch(key, r.key));
    if (fb) return { rule: fb, origin: 'fallback', entry: entries[0] };
  }
  return { rule: { key, rule: 'R', reason: `key not listed for ${ev.type} and no fallback rule applies` }, origin: 'not-listed', entry: entries[0] };
}

/** details cross-check allowed unless some matching entry says its details are not one per row. */
export function detailsMatchRows(table: RuleTable, ev: EvaluatorInfo): boolean {
  return entriesFor(table, ev).every((e) => e.detailsMatchRows !== false);
}
