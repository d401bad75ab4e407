import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issue, type Issue, type Plan, type PyDict } from '@shardwise/core';
import type { Experiment } from '@shardwise/plan';
import { mergeRun, type RunMergeOutcome } from '../merge-run.js';
import type { RuleTable } from '../merge-rules.js';
import { parsePyJson } from '../py-json.js';
import { summarize, type SummaryOutput } from './default-summarizer.js';

/**
 * The summary OpenCompass would write if every mergeable split dataset had its merged result file:
 * an existing unsplit `results/<m>/<abbr>.json` wins (as in OpenCompass and PR #2451); otherwise the
 * in-memory merge; a failed shard propagates its `error`; a refused merge leaves the cell `-`.
 */
export function summarizeRun(runDir: string, experiment: Experiment, plan: Plan, rules: RuleTable, timeStr: string): SummaryOutput & { merges: RunMergeOutcome[] } {
  const merges = mergeRun(runDir, experiment, plan, rules);
  const byPair = new Map(merges.map((o) => [`${o.model}\u0000${o.dataset}`, o]));
  const readIssues: Issue[] = [];
  const readResult = (model: string, dataset: string): PyDict | undefined => {
    const rel = `results/${model}/${dataset}.json`;
    const path = join(runDir, rel);
    if (existsSync(path)) {
      const parsed = parsePyJson(readFileSync(path, 'utf8'), rel);
      readIssues.push(...parsed.issues);
      if (parsed.value instanceof Map) return parsed.value as PyDict;
      if (parsed.value !== undefined) readIssues.push(issue('SW_JSON_SYNTAX', `${rel} is not a JSON object`, { file: rel }));
      return undefined;
    }
    return byPair.get(`${model}\u0000${dataset}`)?.result;
  };
  const absentReason = (model: string, dataset: string): string | undefined => {
    const r = byPair.get(`${model}\u0000${dataset}`)?.refusal;
    return r ? `merge refused (${r.code}): ${r.reason}` : undefined;
  };
  const out = summarize({ experiment, readResult, absentReason, timeStr });
  return { ...out, issues: [...readIssues, ...out.issues], merges };
}
