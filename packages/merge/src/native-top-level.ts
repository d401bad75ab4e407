import { PyDict, type PyValue } from '@shardwise/core';
import { countJsonKeys, topLevelEntries } from './json-key-scan.js';

/** How a deferred top-level value is made (py-json's deferAt): the text, where it starts, its list length. */
export type MakeDeferred = (text: string, start: number, length: number | undefined) => PyValue;
/** The exact parser's build of the value at `start` of a validated text (py-json's parseAt). */
export type ParseAt = (text: string, start: number) => PyValue;

export interface TopLevelMode {
  /** Top-level keys whose list or dict value is deferred. */
  defer?: (key: string) => boolean;
  /** Every top-level value read as None (only the keys are wanted). */
  skipValues?: boolean;
}

/** The exact parser's nesting limit (Python's json raises RecursionError near it). */
const MAX_DEPTH = 1000;

/**
 * The top-level object of a text that native JSON.parse accepts, as the exact parser (py-json.ts) would read
 * it in its top-level modes, or undefined when this path cannot vouch for that (then the exact parser runs):
 * a text JSON.parse rejects (NaN, Infinity, truncation, any syntax error), a top level that is not an object,
 * nesting beyond the exact parser's limit, or a key count that differs from the keys JSON.parse kept (a
 * duplicate key somewhere, whose warning only the exact parser gives).
 * Native parsing validates the whole text several times faster than the exact parser and allocates only
 * short-lived objects; the text's quotes are then visited once to count its keys, and its top level is
 * walked up to the last entry's value (a trailing `details` is never walked).
 * Scalars are read from their tokens (int vs float by lexical form, as Python does); containers are deferred,
 * skipped or built by the exact parser, as the mode says.
 */
export function nativeTopLevel(text: string, mode: TopLevelMode, makeDeferred: MakeDeferred, parseAt: ParseAt): PyDict | undefined {
  let tree: unknown;
  try {
    tree = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) return undefined;
  const treeKeys = countKeys(tree as Record<string, unknown>);
  if (treeKeys === undefined) return undefined;
  if (countJsonKeys(text) !== treeKeys) return undefined;
  const out = new PyDict();
  const values = tree as Record<string, unknown>;
  const top = topLevelEntries(text, Object.keys(values).length);
  for (let e = 0; e < top.length; e += 3) {
    const key = JSON.parse(text.slice(top[e], top[e + 1])) as string;
    const start = top[e + 2]!;
    const native = values[key];
    const c = text.charCodeAt(start);
    if (mode.skipValues) out.set(key, null);
    else if (c === 0x7b || c === 0x5b) {
      out.set(key, mode.defer?.(key) ? makeDeferred(text, start, Array.isArray(native) ? native.length : undefined) : parseAt(text, start));
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) out.set(key, numberAt(text, start));
    else out.set(key, native as PyValue);
  }
  return out;
}

/**
 * Keys of every object of a parsed tree, or undefined past the nesting limit. Iterative: no stack to overflow.
 * for-in counts without the array Object.values would allocate per object (a details list is thousands of them).
 */
function countKeys(root: Record<string, unknown>): number | undefined {
  let keys = 0;
  const stack: unknown[] = [root];
  const depths: number[] = [1];
  const visit = (child: unknown, depth: number) => {
    if (child !== null && typeof child === 'object') {
      stack.push(child);
      depths.push(depth + 1);
    }
  };
  while (stack.length) {
    const node = stack.pop() as Record<string, unknown> | unknown[];
    const depth = depths.pop()!;
    if (depth > MAX_DEPTH) return undefined;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, depth);
    } else {
      // A parsed object's own keys only: JSON.parse builds plain objects, and Object.prototype has nothing enumerable.
      for (const key in node) {
        keys++;
        visit(node[key], depth);
      }
    }
  }
  return keys;
}

/** A number token of a valid text: int (bigint, exact at any size) unless written with a fraction or exponent. */
function numberAt(text: string, start: number): bigint | number {
  let end = start + 1;
  let float = false;
  for (
    let c = text.charCodeAt(end);
    (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
    c = text.charCodeAt(++end)
  ) {
    if (c === 0x2e || c === 0x65 || c === 0x45) float = true;
  }
  const token = text.slice(start, end);
  return float ? Number(token) : BigInt(token);
}
