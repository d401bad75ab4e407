import type { CodeTable } from './code-table.js';

/** Codes raised by @shardwise/generate. Add codes here; never rename or reuse one. */
export const generateCodes = {} as const satisfies CodeTable;
