// Generated from schemas/issue.schema.json by packages/core/scripts/generate-types.ts. Do not edit:
// change the schema and run `pnpm gen:types` (a test fails when this file drifts).
/** One finding of a shardwise checker, with a stable code from the registry. */
export interface Issue {
  /** Stable code, e.g. SW_SHARD_MISSING. */
  code: string;
  severity: "error" | "warning" | "info";
  /** What is wrong, in one sentence. */
  message: string;
  /** The file the issue is about. */
  file?: string;
  /** 1-based line in file. */
  line?: number;
  /** 1-based column in file. */
  col?: number;
  /** Model abbr. */
  model?: string;
  /** Dataset (or shard) abbr. */
  abbr?: string;
  /** What to do about it. */
  hint?: string;
}
