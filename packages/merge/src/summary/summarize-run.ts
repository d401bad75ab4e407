import { issue, PyDict, RunTree, STALE_FIX, staleMessage, type Issue, type Plan } from '@shardwise/core';
import { outputPath, PredictionCounts, type Experiment } from '@shardwise/plan';
import type { Refusal } from '../merge-dataset.js';
import { mergeRunEach } from '../merge-run.js';
import type { RuleTable } from '@shardwise/core';
import { readResultTop } from '../result-file.js';
import { summarize, type LeftOutMetrics, type SummaryOutput } from './default-summarizer.js';

/**
 * The summary OpenCompass would write if every mergeable split dataset had its merged result file:
 * an existing unsplit `results/<m>/<abbr>.json` wins (as in OpenCompass and PR #2451); otherwise the
 * in-memory merge; a failed shard propagates its `error`; a refused merge leaves the cell `-`.
 * Merges stream: of each only its result without `details` (all the summarizer reads) and its refusal are kept.
 * Shard rows are cross-checked only against the prediction files the sizes step counted (`check` and `merge`
 * cross-check every model's).
 */
export function summarizeRun(
  runDir: string,
  experiment: Experiment,
  plan: Plan,
  rules: RuleTable,
  timeStr: string,
  counts?: PredictionCounts,
): SummaryOutput & { mergeIssues: Issue[] } {
  const mergeIssues: Issue[] = [];
  const merged = new Map<string, PyDict>();
  const refusals = new Map<string, Refusal>();
  const leftOut = new Map<string, LeftOutMetrics>();
  const pair = (model: string, dataset: string) => `${model}\u0000${dataset}`;
  const shared = counts ?? new PredictionCounts(new RunTree(runDir));
  // Rows are cross-checked against the predictions the sizes step counted only: the table needs the merged metrics.
  for (const o of mergeRunEach(runDir, experiment, plan, rules, shared, { crossCheckPredictions: false })) {
    mergeIssues.push(...o.issues);
    // The summary reads the merged file on disk, as OpenCompass would: a stale one shows its old number.
    if (o.mergeState.state === 'stale') {
      const s = o.mergeState;
      mergeIssues.push(
        issue('SW_MERGE_STALE', staleMessage(s), { severity: 'warning', file: s.result, model: s.model, abbr: s.dataset, hint: STALE_FIX }),
      );
    }
    if (o.result) merged.set(pair(o.model, o.dataset), new PyDict([...o.result].filter(([k]) => k !== 'details')));
    if (o.refusal) refusals.set(pair(o.model, o.dataset), o.refusal);
    if (o.leftOut)
      leftOut.set(pair(o.model, o.dataset), {
        order: o.keys.map((k) => k.key),
        keys: new Map(
          o.leftOut.map((k) => [
            k.key,
            `merge left ${k.key} out (SW_MERGE_KEY_UNLISTED): ${k.reason}; to merge it, add to shardwise.toml: ${k.tomlRule.replaceAll('\n', '; ')}`,
          ]),
        ),
      });
  }
  const readIssues: Issue[] = [];
  const readResult = (model: string, dataset: string): PyDict | undefined => {
    // Through the run's listing: no syscall for the usual absent file, and a link out of the run dir is not read.
    const read = readResultTop(shared.tree, outputPath('eval', model, dataset));
    readIssues.push(...read.issues);
    if (read.found) return read.value;
    return merged.get(pair(model, dataset));
  };
  const absentReason = (model: string, dataset: string): string | undefined => {
    const r = refusals.get(pair(model, dataset));
    return r ? `merge refused (${r.code}): ${r.reason}` : undefined;
  };
  const out = summarize({ experiment, readResult, absentReason, leftOut: (model, dataset) => leftOut.get(pair(model, dataset)), timeStr });
  return { ...out, issues: [...readIssues, ...out.issues], mergeIssues };
}
