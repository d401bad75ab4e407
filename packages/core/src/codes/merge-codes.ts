import type { CodeTable } from './code-table.js';

/** Codes raised by @shardwise/merge. Add codes here; never rename or reuse one. */
export const mergeCodes = {} as const satisfies CodeTable;
