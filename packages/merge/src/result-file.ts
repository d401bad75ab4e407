import { constants } from 'node:buffer';
import { createHash } from 'node:crypto';
import { issue, PyDict, pyJsonText, ShardwiseError, type Issue, type PyValue, type RunTree } from '@shardwise/core';
import { readDumpLayout } from './dump-layout.js';
import { DeferredValue, parsePyJson, type ParseOptions } from './py-json.js';

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
  return { ...objectOf(parsePyJson(text, rel, options), rel, issues), text };
}

function objectOf(parsed: { value?: PyValue; issues: Issue[] }, rel: string, issues: Issue[]): { value?: PyDict; issues: Issue[] } {
  issues.push(...parsed.issues);
  if (parsed.value === undefined) return { issues };
  if (!(parsed.value instanceof PyDict)) {
    issues.push(
      issue('SW_JSON_SYNTAX', `${rel} holds a JSON ${Array.isArray(parsed.value) ? 'list' : 'value'}, not an object`, { file: rel }),
    );
    return { issues };
  }
  return { value: parsed.value, issues };
}

/** The key of a result whose value a top-level read defers: `details`, most of a result's bytes. */
const DETAILS = 'details';
const DEFER_DETAILS: ParseOptions = { defer: (key) => key === DETAILS };

/** A result's top level as `readResultTop` reads it. */
export interface ResultTopRead {
  /** The metrics, `details` deferred (a DeferredValue, its length known when a list; built when something reads it). */
  value?: PyDict;
  issues: Issue[];
  /** The file could be read (it exists, is not linked out of the run dir, is UTF-8), whether or not it parses. */
  found: boolean;
  /** The sha256 of the bytes read, when asked for. */
  sha256?: string;
  /** The text `value` was read from (its UTF-8 encoding is the file's bytes); may read the file again, see ResultReadAgain. */
  text: () => string | undefined;
}

/**
 * A result file's top level for merging and summarizing, as `readResultObject` with `details` deferred reads it: a
 * file in json.dump's indent-4 layout (dump-layout.ts) is read from its bytes without decoding or parsing its
 * `details`; any other file is decoded and parsed exactly. `sha256` hashes the bytes read (a merge's stale check).
 */
export function readResultTop(tree: RunTree, rel: string, options: { sha256?: boolean } = {}): ResultTopRead {
  const { bytes, issue: problem } = tree.readBytes(rel);
  if (bytes === undefined) return { issues: problem ? [problem] : [], found: false, text: () => undefined };
  if (bytes.length > constants.MAX_STRING_LENGTH) {
    // As `RunTree.read` reports the file it cannot hold as a string (no text, so no value).
    const why = `cannot read ${rel}: it is larger than the longest string Node.js can hold (${constants.MAX_STRING_LENGTH} characters)`;
    return { issues: [issue('SW_FILE_UNREADABLE', why, { file: rel })], found: false, text: () => undefined };
  }
  // The bytes are a view valid until the tree's next read: only the hash and the decoded entries outlive this call.
  const sha256 = options.sha256 ? createHash('sha256').update(bytes).digest('hex') : undefined;
  let again: ResultReadAgain | undefined;
  const value = readDumpLayout(bytes, DETAILS, (length) => new DeferredValue(() => again!.details(), length));
  if (value) {
    again = new ResultReadAgain(tree, rel, value);
    return { value, issues: [], found: true, ...(sha256 ? { sha256 } : {}), text: () => again!.text() };
  }
  const text = bytes.toString('utf8');
  return { ...objectOf(parsePyJson(text, rel, DEFER_DETAILS), rel, []), found: true, ...(sha256 ? { sha256 } : {}), text: () => text };
}

/**
 * A result read by its layout, read again when more than its top level is needed: its `details` built (a merge
 * writes them, a rule recomputes from them) or its text hashed for a sidecar. The bytes first read are gone by then
 * (a view of a reused buffer), so the file is read again through the tree, parsed exactly, and checked against what
 * was read: the same top-level values and the same details length, else a ShardwiseError (SW_RESULT_CHANGED, or the
 * exact parser's SW_JSON_* issues when the details that were counted unparsed are malformed). Read once, then kept.
 */
class ResultReadAgain {
  #read: { text: string; value: PyDict } | undefined;
  constructor(
    private readonly tree: RunTree,
    private readonly rel: string,
    private readonly first: PyDict,
  ) {}

  text(): string {
    return this.read().text;
  }

  details(): PyValue {
    return this.read().value.get(DETAILS)!;
  }

  private read(): { text: string; value: PyDict } {
    if (this.#read) return this.#read;
    const { text, issue: problem } = this.tree.read(this.rel);
    if (text === undefined) throw new ShardwiseError(problem ?? this.changed('it is gone'));
    // Parsed whole by the exact parser: one pass, the details built (what they are read again for).
    const parsed = objectOf(parsePyJson(text, this.rel), this.rel, []);
    if (!parsed.value) throw new ShardwiseError(parsed.issues);
    const differs = topLevelDifference(this.first, parsed.value);
    if (differs) throw new ShardwiseError(this.changed(differs));
    return (this.#read = { text, value: parsed.value });
  }

  private changed(what: string): Issue {
    return issue('SW_RESULT_CHANGED', `${this.rel} changed while shardwise read it: ${what}`, {
      file: this.rel,
      hint: 'run the command again once nothing writes the run dir (an evaluation still running, a copy in progress)',
    });
  }
}

/** How two top-level reads differ (lists first read deferred by their length), or undefined when they do not. */
function topLevelDifference(before: PyDict, now: PyDict): string | undefined {
  const keys = [...now.keys()];
  if (keys.length !== before.size || [...before.keys()].some((k, i) => keys[i] !== k)) return 'its top-level keys differ';
  for (const [k, v] of before) {
    const w = now.get(k)!;
    if (v instanceof DeferredValue) {
      if (lengthOf(v) !== lengthOf(w)) return `its ${String(k)} has ${entries(lengthOf(w))} now, ${entries(lengthOf(v))} when first read`;
    } else if (pyJsonText(v) !== pyJsonText(w)) return `its ${String(k)} differs`;
  }
  return undefined;
}

const entries = (n: number | undefined): string => (n === undefined ? 'no list' : n === 1 ? '1 entry' : `${n} entries`);
const lengthOf = (v: PyValue): number | undefined => (v instanceof DeferredValue || Array.isArray(v) ? v.length : undefined);
