// Generated from schemas/command-output.schema.json by packages/core/scripts/generate-types.ts. Do not edit:
// change the schema and run `pnpm gen:types` (a test fails when this file drifts).
import type { Issue } from './issue.generated.js';

/** The envelope every `--json` command output shares: the command's own fields plus its issues. */
export interface CommandOutput {
  issues: Issue[];
  [key: string]: unknown;
}
