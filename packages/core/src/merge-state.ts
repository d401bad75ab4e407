/** Where a merge lives: results (merged shard results) or predictions (merged for a re-evaluation). */
export type MergeFolder = 'results' | 'predictions';

/**
 * What a split dataset's unsplit file `<folder>/<m>/<abbr>.json` is, as data: @shardwise/merge computes it from the
 * `<abbr>.shardwise.json` sidecar (`mergeStateOf`); check (in plan, below merge) receives it as data.
 * - absent: no unsplit file; the summarizer (or the eval stage) must read the shards.
 * - current: shardwise wrote it (its bytes are the sidecar's) and every shard hashes as recorded.
 * - stale: shardwise wrote it, but a shard changed, was added or vanished since: it holds an old number.
 * - edited: a sidecar is there, but the result's bytes are not the ones it recorded (changed by hand or by a re-run).
 * - foreign: an unsplit result shardwise did not write (no sidecar): OpenCompass reads it and skips the dataset.
 */
export interface MergeState {
  folder: MergeFolder;
  model: string;
  dataset: string;
  /** Run-relative path of the unsplit file. */
  result: string;
  state: 'absent' | 'current' | 'stale' | 'edited' | 'foreign';
  /** stale: one entry per shard that changed, was added or vanished ("results/m/x_1.json changed"). */
  changes: string[];
}

/** The key of a folder's model × dataset in a map of merge states. */
export const mergeStateKey = (folder: MergeFolder, model: string, dataset: string): string => `${folder}\u0000${model}\u0000${dataset}`;

/** A merge shardwise wrote and nobody edited since: `merge --write` may replace it without --force. */
export const ownMerge = (s: MergeState | undefined): boolean => s?.state === 'current' || s?.state === 'stale';

/** How a stale merge is told (check's error, summarize's warning): the file and what changed since. */
export const staleMessage = (s: MergeState): string =>
  `${s.result} was merged by shardwise from shards that changed since (${s.changes.join('; ')}): ${s.folder === 'results' ? 'it holds the old number' : 'an eval would read the old predictions'}`;

export const STALE_FIX = "run 'shardwise merge <run-dir> --write': it re-merges shardwise's own stale merges without --force";
