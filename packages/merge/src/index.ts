// Public face of @shardwise/merge.
export { parsePyJson, stringifyPyJson, pythonJsonDumpsSorted, compareCodePoints } from './py-json.js';
export {
  loadMergeRules, mergeRulesPath, resolveRule, entriesFor, detailsMatchRows, globMatch,
  type RuleTable, type EvaluatorInfo, type ResolvedRule, type RuleOrigin,
} from './merge-rules.js';
