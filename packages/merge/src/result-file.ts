import { issue, PyDict, type Issue, type RunTree } from '@shardwise/core';
import { parsePyJson, type ParseOptions } from './py-json.js';

/** A Python-written JSON object of a run dir as read: its value (a dict), its text, and the issues reading it gave. */
export interface ResultObjectRead {
  value?: PyDict;
  text?: string;
  issues: Issue[];
}

/**
 * The one reader of a run dir's JSON object files (results, predictions): through the run's link-safe RunTree,
 * parsed as Python's json.load would; a missing file gives no value and no issue, anything but an object an issue.
 */
export function readResultObject(tree: RunTree, rel: string, options: ParseOptions = {}): ResultObjectRead {
  const { text, issue: problem } = tree.read(rel);
  const issues = problem ? [problem] : [];
  if (text === undefined) return { issues };
  const parsed = parsePyJson(text, rel, options);
  issues.push(...parsed.issues);
  if (parsed.value === undefined) return { text, issues };
  if (!(parsed.value instanceof PyDict)) {
    issues.push(
      issue('SW_JSON_SYNTAX', `${rel} holds a JSON ${Array.isArray(parsed.value) ? 'list' : 'value'}, not an object`, { file: rel }),
    );
    return { text, issues };
  }
  return { value: parsed.value, text, issues };
}
