// Public face of @shardwise/run: a run or config opened once, and its operations.
export { Run, type MergeStep, type SummarizeResult, type GenResult } from './run.js';
export { parseRunOptions, parseKeyValues, parseEnvOptions, type RunOptions, type RunOptionStrings } from './run-options.js';
export { RECORD_FILE, type ComputedRecord, type VerifyContext, type VerifyResult } from './run-record.js';
