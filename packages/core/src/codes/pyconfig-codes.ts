import type { CodeTable } from './code-table.js';

/** Codes raised by @shardwise/pyconfig. Add codes here; never rename or reuse one. */
export const pyconfigCodes = {} as const satisfies CodeTable;
