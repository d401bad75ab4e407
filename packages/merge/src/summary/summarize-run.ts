import { issue, PyDict, RunTree, type Issue, type Plan } from '@shardwise/core';
import { PredictionCounts, type Experiment } from '@shardwise/plan';
import type { Refusal } from '../merge-dataset.js';
import { mergeRunEach } from '../merge-run.js';
import type { RuleTable } from '../merge-rules.js';
import { parsePyJson } from '../py-json.js';
import { summarize, type SummaryOutput } from './default-summarizer.js';

/**
 * The summary OpenCompass would write if every mergeable split dataset had its merged result file:
 * an existing unsplit `results/<m>/<abbr>.json` wins (as in OpenCompass and PR #2451); otherwise the
 * in-memory merge; a failed shard propagates its `error`; a refused merge leaves the cell `-`.
 * Merges stream: of each only its result without `details` (all the summarizer reads) and its refusal are kept.
 */
export function summarizeRun(
  runDir: string, experiment: Experiment, plan: Plan, rules: RuleTable, timeStr: string, counts?: PredictionCounts,
): SummaryOutput & { mergeIssues: Issue[] } {
  const mergeIssues: Issue[] = [];
  const merged = new Map<string, PyDict>();
  const refusals = new Map<string, Refusal>();
  const pair = (model: string, dataset: string) => `${model}\u0000${dataset}`;
  const shared = counts ?? new PredictionCounts(new RunTree(runDir));
  for (const o of mergeRunEach(runDir, experiment, plan, rules, shared)) {
    mergeIssues.push(...o.issues);
    if (o.result) merged.set(pair(o.model, o.dataset), new PyDict([...o.result].filter(([k]) => k !== 'details')));
    if (o.refusal) refusals.set(pair(o.model, o.dataset), o.refusal);
  }
  const readIssues: Issue[] = [];
  const readResult = (model: string, dataset: string): PyDict | undefined => {
    const rel = `results/${model}/${dataset}.json`;
    // Through the run's listing: no syscall for the usual absent file, and a link out of the run dir is not read.
    const read = shared.tree.read(rel);
    if (read.issue) readIssues.push(read.issue);
    if (read.text !== undefined) {
      const parsed = parsePyJson(read.text, rel, { defer: (key) => key === 'details' });
      readIssues.push(...parsed.issues);
      if (parsed.value instanceof Map) return parsed.value;
      if (parsed.value !== undefined) readIssues.push(issue('SW_JSON_SYNTAX', `${rel} is not a JSON object`, { file: rel }));
      return undefined;
    }
    return merged.get(pair(model, dataset));
  };
  const absentReason = (model: string, dataset: string): string | undefined => {
    const r = refusals.get(pair(model, dataset));
    return r ? `merge refused (${r.code}): ${r.reason}` : undefined;
  };
  const out = summarize({ experiment, readResult, absentReason, timeStr });
  return { ...out, issues: [...readIssues, ...out.issues], mergeIssues };
}
