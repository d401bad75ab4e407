import type { Issue as IssueRecord } from './generated/issue.generated.js';
import { issueCodes, type IssueCode } from './codes/index.js';

/** One finding. Checkers return these; they never throw for problems in the user's input. */
export type Issue = IssueRecord & { code: IssueCode };
export type Severity = Issue['severity'];

export type IssueFields = Omit<Issue, 'code' | 'severity' | 'message'> & { severity?: Severity };

/** Builds an issue with the registry's default severity for its code. */
export function issue(code: IssueCode, message: string, fields: IssueFields = {}): Issue {
  const { severity, ...rest } = fields;
  return { code, severity: severity ?? issueCodes[code].severity, message, ...dropUndefined(rest) };
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Thrown only when input cannot be read at all (the CLI maps it to exit 2).
 * Problems found *in* readable input are returned as Issue[] instead.
 */
export class ShardwiseError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue | Issue[]) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map((i) => `${i.code}: ${i.message}`).join('\n'));
    this.name = 'ShardwiseError';
    this.issues = list;
  }
}
