import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckReport } from '@shardwise/core';
import type { ReportMerge } from '@shardwise/generate';

const dir = join(import.meta.dirname, '..', 'fixtures', 'generate', 'check-report');

/** A split-eval run of two models (one with an abbr full of HTML/Markdown syntax): a missing shard, an extra shard, merges. */
export function splitEvalReport(): { report: CheckReport; merges: ReportMerge[] } {
  return {
    report: JSON.parse(readFileSync(join(dir, 'split-eval.report.json'), 'utf8')) as CheckReport,
    merges: JSON.parse(readFileSync(join(dir, 'split-eval.merges.json'), 'utf8')) as ReportMerge[],
  };
}
