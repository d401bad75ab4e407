import { createHash } from 'node:crypto';
import { mergeStateKey, type MergeFolder, type MergeSidecar, type MergeState, type Plan, type RunTree } from '@shardwise/core';
import { evalShardsOf, stageFilesOf } from '@shardwise/plan';

/**
 * The one owner of "the merge state of a dataset" (check, merge, summarize and the report ask here): whether
 * `results/<m>/<abbr>.json` is a merge shardwise wrote, and whether its shards still hash as its sidecar recorded.
 */

export const sidecarPath = (resultPath: string): string => resultPath.replace(/\.json$/, '.shardwise.json');

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** sha256s of files a caller already read (a merge hashes its shards as it reads them), by run-relative path. */
export type KnownHashes = ReadonlyMap<string, string | undefined>;

/** A file's sha256 as the sidecar records it (the UTF-8 text is the file's bytes); undefined when it cannot be read. */
function fileSha(tree: RunTree, rel: string, known?: KnownHashes): string | undefined {
  if (known?.has(rel)) return known.get(rel);
  const text = tree.read(rel).text;
  return text === undefined ? undefined : sha256(text);
}

/**
 * Whether `mergeStateOf` hashes the shards of `<dataset>.json` in a folder with these names: only when shardwise's
 * sidecar is there to compare them with (a merger hashes its shards as it reads them then, and only then).
 */
export const hashesShards = (names: ReadonlySet<string>, dataset: string): boolean =>
  names.has(`${dataset}.json`) && names.has(`${dataset}.shardwise.json`);

/** The fields of a sidecar this needs; anything else (not JSON, another tool's file) is no sidecar of shardwise's. */
function readSidecar(tree: RunTree, rel: string): Pick<MergeSidecar, 'result' | 'shards'> | undefined {
  const { text } = tree.read(rel);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const s = value as Partial<MergeSidecar> | null;
  const shardsOk = Array.isArray(s?.shards) && s.shards.every((x) => typeof x?.path === 'string' && typeof x?.sha256 === 'string');
  return s?.tool?.name === 'shardwise' && typeof s.result?.sha256 === 'string' && shardsOk
    ? { result: s.result, shards: s.shards! }
    : undefined;
}

/**
 * The state of one split model × dataset in `folder`. `planned`: the run-relative paths of its planned shards there; a
 * shard is "added" when one of them, or the index after the last recorded one, is on disk but not in the sidecar.
 */
export function mergeStateOf(
  tree: RunTree,
  folder: MergeFolder,
  model: string,
  dataset: string,
  planned: readonly string[],
  known?: KnownHashes,
): MergeState {
  const result = `${folder}/${model}/${dataset}.json`;
  const names = tree.names(`${folder}/${model}`);
  const base = { folder, model, dataset, result, changes: [] as string[] };
  if (!names.has(`${dataset}.json`)) return { ...base, state: 'absent' };
  const sidecar = names.has(`${dataset}.shardwise.json`) ? readSidecar(tree, sidecarPath(result)) : undefined;
  if (!sidecar) return { ...base, state: 'foreign' };
  if (fileSha(tree, result) !== sidecar.result.sha256) return { ...base, state: 'edited' };
  const recorded = new Set(sidecar.shards.map((s) => s.path));
  const changes: string[] = [];
  for (const s of sidecar.shards) {
    const name = s.path.slice(s.path.lastIndexOf('/') + 1);
    if (!s.path.startsWith(`${folder}/${model}/`) || !names.has(name)) changes.push(`${s.path} vanished`);
    else if (fileSha(tree, s.path, known) !== s.sha256) changes.push(`${s.path} changed`);
  }
  const next = `${folder}/${model}/${dataset}_${sidecar.shards.length}.json`;
  for (const path of new Set([...planned, next])) {
    if (!recorded.has(path) && names.has(path.slice(path.lastIndexOf('/') + 1))) changes.push(`${path} added`);
  }
  return { ...base, state: changes.length ? 'stale' : 'current', changes };
}

/**
 * By `mergeStateKey`: the merge state of every model × dataset the plan splits at eval, and of every one split at
 * infer whose unsplit predictions exist (merged for a re-evaluation, or another file).
 */
export function mergeStates(tree: RunTree, plan: Plan): Map<string, MergeState> {
  const states = new Map<string, MergeState>();
  for (const f of plan.stages.eval?.files ?? []) {
    const key = mergeStateKey('results', f.model, f.dataset);
    if (f.shard === null || states.has(key)) continue;
    states.set(
      key,
      mergeStateOf(
        tree,
        'results',
        f.model,
        f.dataset,
        evalShardsOf(plan, f.model, f.dataset).map((p) => p.path),
      ),
    );
  }
  for (const f of plan.stages.infer?.files ?? []) {
    const key = mergeStateKey('predictions', f.model, f.dataset);
    if (f.shard === null || states.has(key) || !tree.names(`predictions/${f.model}`).has(`${f.dataset}.json`)) continue;
    states.set(
      key,
      mergeStateOf(
        tree,
        'predictions',
        f.model,
        f.dataset,
        stageFilesOf(plan.stages.infer, f.model, f.dataset).map((p) => p.path),
      ),
    );
  }
  return states;
}

/** Why `merge --write` leaves a merged file alone without --force, by its state; undefined when it may replace it. */
export function replaceRefusal(s: MergeState): string | undefined {
  const sidecar = sidecarPath(s.result).slice(s.result.lastIndexOf('/') + 1);
  if (s.state === 'foreign') return `${s.result} was not written by shardwise (no valid ${sidecar} next to it)`;
  if (s.state === 'edited') return `${s.result} was changed since shardwise merged it (its bytes differ from the sha256 in ${sidecar})`;
  return undefined;
}
