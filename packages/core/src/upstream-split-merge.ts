/**
 * Whether the summarizer that will run merges `<abbr>_<i>.json` result shards itself (OpenCompass PR #2451,
 * docs/opencompass.md §8.2): decided by @shardwise/merge's `upstreamSplitMerge` (the only reader of result files),
 * handed to check as data.
 */
export type UpstreamSplitMerge =
  | { verdict: 'merges'; basis: 'source' | 'result-files'; seenIn: string }
  | { verdict: 'no-merge'; basis: 'source'; seenIn: string }
  | { verdict: 'mixed'; basis: 'result-files'; withMeta: string[]; withoutMeta: string[] };
