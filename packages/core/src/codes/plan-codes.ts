import type { CodeTable } from './code-table.js';

/** Codes raised by @shardwise/plan. Add codes here; never rename or reuse one. */
export const planCodes = {} as const satisfies CodeTable;
