import { isIssueCode, issueCodes } from './codes/index.js';
import type { Issue } from './issue.js';

export interface RenderOptions {
  color: boolean;
  /** Add what the code means (from the registry) under each issue. */
  verbose?: boolean;
}

const paint = (on: boolean, code: number, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
const SEVERITY_COLOR = { error: 31, warning: 33, info: 36 } as const;

/** `file:line:col: error SW_X [model/abbr] message` plus an indented `fix:` line. */
export function renderIssue(i: Issue, { color, verbose }: RenderOptions): string {
  const where = i.file ? `${i.file}${i.line ? `:${i.line}${i.col ? `:${i.col}` : ''}` : ''}: ` : '';
  const subject = i.model || i.abbr ? ` [${[i.model, i.abbr].filter(Boolean).join('/')}]` : '';
  const head = `${where}${paint(color, SEVERITY_COLOR[i.severity], i.severity)} ${paint(color, 1, i.code)}${subject} ${i.message}`;
  const lines = [head];
  if (i.hint) lines.push(`    fix: ${i.hint}`);
  if (verbose && isIssueCode(i.code)) lines.push(`    ${i.code}: ${issueCodes[i.code].summary}`);
  return lines.join('\n');
}

export function renderIssues(issues: readonly Issue[], options: RenderOptions): string {
  return issues.map((i) => renderIssue(i, options)).join('\n');
}

/** `2 errors, 1 warning` — or `no issues`. */
export function issueTally(issues: readonly Issue[]): string {
  const n = (s: Issue['severity']) => issues.filter((i) => i.severity === s).length;
  const parts = [
    [n('error'), 'error'],
    [n('warning'), 'warning'],
    [n('info'), 'note'],
  ]
    .filter(([c]) => (c as number) > 0)
    .map(([c, w]) => `${c} ${w}${c === 1 ? '' : 's'}`);
  return parts.length ? parts.join(', ') : 'no issues';
}
