export interface CodeInfo {
  severity: 'error' | 'warning' | 'info';
  /** One line: what the code means, for docs and `--help`. */
  summary: string;
}
export type CodeTable = Record<`SW_${string}`, CodeInfo>;
