import type { CodeTable } from './code-table.js';

/** Codes for the house itself: usage, settings files, unreadable inputs, writing output. */
export const coreCodes = {
  SW_USAGE: { severity: 'error', summary: 'the command line is malformed' },
  SW_FILE_UNREADABLE: { severity: 'error', summary: 'a file or folder could not be read' },
  SW_RUN_LINK_OUTSIDE: { severity: 'error', summary: 'a file of the run dir is a symlink to a place outside it, so it is not read' },
  SW_TOML_SYNTAX: { severity: 'error', summary: 'shardwise.toml is not valid TOML' },
  SW_TOML_SCHEMA: { severity: 'error', summary: 'shardwise.toml violates its schema' },
  SW_SCHEMA_VIOLATION: { severity: 'error', summary: 'a file does not match its JSON Schema' },
  SW_WRITE_REFUSED: { severity: 'error', summary: 'refused to overwrite an existing file without --force' },
  SW_WRITE_FAILED: { severity: 'error', summary: 'a file could not be written' },
  SW_INTERNAL: { severity: 'error', summary: 'an internal error (a bug in shardwise)' },
} as const satisfies CodeTable;
