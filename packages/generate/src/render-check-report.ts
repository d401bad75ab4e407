import type { CheckReport } from '@shardwise/core';
import { buildReportView } from './check-report-view.js';
import { escapeMarkdown } from './markdown-escape.js';
import type { ReportMerge } from './report-merge.js';
import { renderTemplate } from './template-renderer.js';

export type ReportFormat = 'md' | 'html';

/**
 * The check report as GitHub-flavoured Markdown (pastes into an issue or PR) or as one
 * self-contained HTML page (inline CSS/JS/SVG, no network). `merges` adds the merged score,
 * rule and weight source per metric; without it the report shows shard coverage only.
 */
export function renderCheckReport(report: CheckReport, format: ReportFormat, merges: readonly ReportMerge[] = []): string {
  if (format === 'md') return renderTemplate('report.md.hbs', buildReportView(report, merges, escapeMarkdown), 'none');
  return renderTemplate(
    'report.html.hbs',
    buildReportView(report, merges, (s) => s),
    'html',
  );
}
