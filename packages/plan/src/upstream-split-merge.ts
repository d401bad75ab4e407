import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunTree } from '@shardwise/core';

/**
 * OpenCompass PR #2451 (opencompass.md §8.2) teaches DefaultSummarizer to merge `<abbr>_<i>.json` result shards
 * itself. Two traces show it is installed: `_load_split_results` in the summarizer's source, or the
 * `_opencompass_meta` key its eval task writes into every result file.
 */
export interface UpstreamSplitMerge {
  /** What showed it: the summarizer source under the OpenCompass root, or a result file of this run. */
  seenIn: string;
}

const SUMMARIZER_SOURCE = join('opencompass', 'summarizers', 'default.py');
const SUMMARIZER_MARK = '_load_split_results';
/** json.dump writes the key quoted; a match inside a string value would need the quote escaped. */
const RESULT_MARK = '"_opencompass_meta":';

/** `resultFiles`: run-relative result files to look into, e.g. the first shard of every split pair. */
export function upstreamSplitMerge(tree: RunTree, ocRoot: string | undefined, resultFiles: readonly string[]): UpstreamSplitMerge | undefined {
  if (ocRoot !== undefined) {
    const source = join(ocRoot, SUMMARIZER_SOURCE);
    if (existsSync(source) && readFileSync(source, 'utf8').includes(SUMMARIZER_MARK)) return { seenIn: source };
  }
  for (const rel of resultFiles) {
    // Missing files and symlinks out of the run dir are not read (check reports them elsewhere).
    if (tree.read(rel).text?.includes(RESULT_MARK)) return { seenIn: join(tree.runDir, rel) };
  }
  return undefined;
}
