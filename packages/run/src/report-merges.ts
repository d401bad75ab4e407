import {
  toJsNumber,
  isPyNumber,
  type CheckReport,
  type CheckReportMerge as ReportMerge,
  type CheckReportMergeMetric as ReportMergeMetric,
  type MergeWeight,
  type PyDict,
  type RunTree,
} from '@shardwise/core';
import { readResultObject, type KeyDecision, type RunMergeOutcome } from '@shardwise/merge';

/**
 * What the check report shows per model × dataset next to its coverage: the merge's dry run for
 * datasets split at eval (merged metrics with rule and weight source, or the refusal), the result
 * file as is for unsplit ones (read by merge's one result reader; an unreadable one is check's business, its issues
 * come from checkRun, so it just shows no metrics). A pair with neither (unsplit, no result yet) has no entry.
 */
export function reportMerges(tree: RunTree, report: CheckReport, outcomes: Iterable<RunMergeOutcome>): ReportMerge[] {
  const outcomeOf = new Map([...outcomes].map((o) => [`${o.model}\u0000${o.dataset}`, o]));
  return report.pairs.flatMap((p): ReportMerge[] => {
    const o = outcomeOf.get(`${p.model}\u0000${p.dataset}`);
    if (o?.status === 'merged' && o.result) {
      const decisionOf = new Map(o.keys.map((k) => [k.key, k]));
      return [{ model: o.model, dataset: o.dataset, status: 'merged', metrics: metricsOf(o.result, (key) => decisionOf.get(key)) }];
    }
    if (o?.refusal) {
      return [
        {
          model: o.model,
          dataset: o.dataset,
          status: 'refused',
          metrics: [],
          reason: `${o.refusal.code}: ${o.refusal.reason}; ${o.refusal.fix}`,
        },
      ];
    }
    const unsplit = p.eval.split ? undefined : p.eval.files.find((f) => f.shard === null && f.status === 'present');
    const result = unsplit ? readResultObject(tree, unsplit.path).value : undefined;
    return result ? [{ model: p.model, dataset: p.dataset, status: 'unsplit', metrics: metricsOf(result, () => undefined) }] : [];
  });
}

/** The result's numeric keys in its key order (what the summarizer treats as metrics); non-finite values as null. */
function metricsOf(result: PyDict, decision: (key: string) => KeyDecision | undefined): ReportMergeMetric[] {
  return [...result].flatMap(([key, value]): ReportMergeMetric[] => {
    if (typeof key !== 'string' || !isPyNumber(value)) return [];
    const n = toJsNumber(value);
    const d = decision(key);
    const weightSource =
      d === undefined
        ? undefined
        : d.rule === 'A'
          ? 'plan'
          : d.rule === 'A*' && d.weight
            ? weightSourceName(JSON.parse(d.weight) as MergeWeight)
            : undefined;
    return [
      {
        name: key,
        value: Number.isFinite(n) ? n : null,
        rule: d ? `${d.rule}${d.approximate ? '~' : ''}` : 'COPY',
        ...(weightSource ? { weightSource } : {}),
      },
    ];
  });
}

function weightSourceName(w: MergeWeight): string {
  const what = w.key ?? w.field;
  return what === undefined ? w.source : `${w.source} ${what}`;
}
