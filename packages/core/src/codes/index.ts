import type { CodeInfo } from './code-table.js';
import { coreCodes } from './core-codes.js';
import { experienceCodes } from './experience-codes.js';
import { generateCodes } from './generate-codes.js';
import { mergeCodes } from './merge-codes.js';
import { planCodes } from './plan-codes.js';
import { pyconfigCodes } from './pyconfig-codes.js';

/**
 * The one registry of stable issue codes. Each domain keeps its table in its own file
 * (core-codes.ts, pyconfig-codes.ts, …); this object is their union. Tests assert codes, never prose.
 */
export const issueCodes = {
  ...coreCodes,
  ...pyconfigCodes,
  ...planCodes,
  ...mergeCodes,
  ...generateCodes,
  ...experienceCodes,
} as const;

export type IssueCode = keyof typeof issueCodes;
export type { CodeInfo, CodeTable } from './code-table.js';

export function isIssueCode(code: string): code is IssueCode {
  return Object.hasOwn(issueCodes, code);
}

export function codeInfo(code: IssueCode): CodeInfo {
  return issueCodes[code];
}
