import type { CodeTable } from './code-table.js';

/** Codes raised by `shardwise status` (plan's run-status) and `shardwise demo`. Never rename or reuse one. */
export const experienceCodes = {
  SW_STATUS_TASK_FAILED: {
    severity: 'error',
    summary: 'a task of the run failed: its log ends in a traceback or it exited without writing its outputs',
  },
  SW_STATUS_RUN_INCOMPLETE: { severity: 'info', summary: 'the run still has outputs to produce; the hint is the command that resumes it' },
  SW_STATUS_LOG_UNREADABLE: { severity: 'warning', summary: "a task's .out log exists but could not be read" },
} as const satisfies CodeTable;
