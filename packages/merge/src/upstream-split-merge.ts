import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan, RunTree, UpstreamSplitMerge } from '@shardwise/core';
import { evalShardsOf } from '@shardwise/plan';

/**
 * OpenCompass PR #2451 (docs/opencompass.md §8.2) teaches DefaultSummarizer to merge `<abbr>_<i>.json` result shards
 * itself. Whether the summarizer that will run does so is decided, in order of trust:
 * 1. from that OpenCompass's own code when its root is known (`--oc-root`, `opencompass.root`): its
 *    `opencompass/summarizers/default.py`, read statically, defines `_load_split_results` and calls it (the PR's
 *    `_load_result` falls back to it when the unsplit file is absent);
 * 2. else from the result files alone: assumed only when the first shard of EVERY split pair carries the
 *    `_opencompass_meta` key the PR's eval task writes; shards with and without it are mixed evidence, never a yes.
 */
const SUMMARIZER_SOURCE = join('opencompass', 'summarizers', 'default.py');
const DEFINES_MERGE = /^\s+def _load_split_results\(/m;
const CALLS_MERGE = /self\._load_split_results\(/;
/** json.dump writes the key quoted; a match inside a string value would need the quote escaped. */
const RESULT_MARK = '"_opencompass_meta":';

/**
 * Reads the first result shard of every pair split at eval (those not on disk are no evidence). Undefined when
 * nothing says the summarizer merges shards, or when no pair is split at eval.
 */
export function upstreamSplitMerge(tree: RunTree, ocRoot: string | undefined, plan: Plan): UpstreamSplitMerge | undefined {
  const pairs = new Set((plan.stages.eval?.files ?? []).filter((f) => f.shard !== null).map((f) => `${f.model}\u0000${f.dataset}`));
  if (!pairs.size) return undefined;
  const firstShards = [...pairs].flatMap((k) => {
    const [model, dataset] = k.split('\u0000') as [string, string];
    return evalShardsOf(plan, model, dataset)
      .slice(0, 1)
      .map((f) => f.path);
  });
  if (ocRoot !== undefined) {
    const source = join(ocRoot, SUMMARIZER_SOURCE);
    if (existsSync(source)) {
      const text = readFileSync(source, 'utf8');
      return DEFINES_MERGE.test(text) && CALLS_MERGE.test(text)
        ? { verdict: 'merges', basis: 'source', seenIn: source }
        : { verdict: 'no-merge', basis: 'source', seenIn: source };
    }
  }
  const withMeta: string[] = [];
  const withoutMeta: string[] = [];
  for (const rel of firstShards) {
    // Missing files and symlinks out of the run dir are not read (check reports them elsewhere). The mark is
    // ASCII, so it is looked for in the (UTF-8 checked) bytes: a result's text is not needed.
    const { bytes } = tree.readBytes(rel);
    if (bytes !== undefined) (bytes.includes(RESULT_MARK) ? withMeta : withoutMeta).push(join(tree.runDir, rel));
  }
  if (!withMeta.length) return undefined;
  if (withoutMeta.length) return { verdict: 'mixed', basis: 'result-files', withMeta, withoutMeta };
  return { verdict: 'merges', basis: 'result-files', seenIn: withMeta[0]! };
}
