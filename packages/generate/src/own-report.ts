import { validateAgainst } from '@shardwise/core';
import type { ReportFormat } from './render-check-report.js';

/**
 * What marks a check report as shardwise's own, so `check --report` replaces the one it wrote before and still
 * never overwrites a user's file of the same name: the generator line the templates write first, or, for JSON, a
 * document that is a CheckReport.
 */
export const REPORT_GENERATOR = 'shardwise check';

const MARKS: Record<ReportFormat, string> = {
  html: `<meta name="generator" content="${REPORT_GENERATOR}">`,
  md: `<!-- generator: ${REPORT_GENERATOR} -->`,
};

export function isOwnCheckReport(text: string, format: ReportFormat | 'json'): boolean {
  if (format !== 'json') return text.includes(MARKS[format]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  return validateAgainst('check-report.schema.json', value).length === 0;
}
