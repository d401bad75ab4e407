import { issue, type Issue, type IssueCode, type RecordFileDigest, type RunRecord } from '@shardwise/core';
import { canonicalJson } from './canonical-json.js';

/**
 * Every difference between a recorded and a freshly computed record, one coded issue each
 * (files missing, changed or added; configs; partitioners; sizes; size caches; plan; rule table;
 * merged results; summarizer). Empty when the run reproduces the record exactly.
 */
export function diffRunRecords(recorded: RunRecord, fresh: RunRecord): Issue[] {
  const issues: Issue[] = [];
  if (recorded.shardwiseVersion !== fresh.shardwiseVersion) {
    issues.push(
      issue('SW_RECORD_VERSION_DRIFT', `recorded with shardwise ${recorded.shardwiseVersion}, verified with ${fresh.shardwiseVersion}`, {
        hint: 'drift below may come from the version change; re-record with this version once the run is trusted',
      }),
    );
  }
  issues.push(...diffConfigFiles(recorded.configFiles, fresh.configFiles));
  for (const stage of ['infer', 'eval'] as const) {
    const [was, now] = [canonicalJson(recorded.partitioners[stage]), canonicalJson(fresh.partitioners[stage])];
    if (was !== now) {
      issues.push(
        issue('SW_RECORD_PARTITIONER_DRIFT', `${stage} partitioner was ${was}, is now ${now}`, {
          hint: 'shards planned now differ from the ones the run produced; restore the recorded setting',
        }),
      );
    }
  }
  issues.push(...diffSizes(recorded, fresh));
  issues.push(
    ...diffDigests(
      recorded.sizeCaches,
      fresh.sizeCaches,
      { changed: 'SW_RECORD_SIZE_CACHE_DRIFT', missing: 'SW_RECORD_SIZE_CACHE_DRIFT', added: 'SW_RECORD_SIZE_CACHE_DRIFT' },
      'dataset-size cache',
    ),
  );
  if (recorded.planSha256 !== fresh.planSha256) {
    issues.push(
      issue(
        'SW_RECORD_PLAN_DRIFT',
        `the shard plan derived now (sha256 ${fresh.planSha256.slice(0, 12)}…) differs from the recorded one (${recorded.planSha256.slice(0, 12)}…)`,
        { hint: "compare 'shardwise plan --json' with the recorded settings and sizes" },
      ),
    );
  }
  issues.push(
    ...diffDigests(
      recorded.files,
      fresh.files,
      { changed: 'SW_RECORD_FILE_CHANGED', missing: 'SW_RECORD_FILE_MISSING', added: 'SW_RECORD_FILE_ADDED' },
      'run file',
    ),
  );
  if (recorded.ruleTable.sha256 !== fresh.ruleTable.sha256) {
    issues.push(
      issue(
        'SW_RECORD_RULES_DRIFT',
        `the merge-rule table changed (sha256 ${recorded.ruleTable.sha256.slice(0, 12)}… → ${fresh.ruleTable.sha256.slice(0, 12)}…)`,
        { file: fresh.ruleTable.path, hint: 'merged numbers may differ; verify with the shardwise version that wrote the record' },
      ),
    );
  }
  issues.push(...diffMerged(recorded, fresh));
  if (canonicalJson(recorded.summarizer) !== canonicalJson(fresh.summarizer)) {
    issues.push(
      issue(
        'SW_RECORD_SUMMARIZER_DRIFT',
        'the summarizer config derived now differs from the recorded one (dataset_abbrs or summary_groups changed)',
        { hint: "re-run 'shardwise gen' and compare summarizer_config.py" },
      ),
    );
  }
  return issues;
}

type DriftCodes = { changed: IssueCode; missing: IssueCode; added: IssueCode };

function diffDigests(was: readonly RecordFileDigest[], now: readonly RecordFileDigest[], codes: DriftCodes, what: string): Issue[] {
  const nowByPath = new Map(now.map((d) => [d.path, d]));
  const wasPaths = new Set(was.map((d) => d.path));
  const issues: Issue[] = [];
  for (const d of was) {
    const n = nowByPath.get(d.path);
    if (!n)
      issues.push(
        issue(codes.missing, `${what} ${d.path} is gone (recorded ${d.bytes} bytes)`, {
          file: d.path,
          hint: 'restore it from a backup or re-run the task that writes it',
        }),
      );
    else if (n.sha256 !== d.sha256 || n.bytes !== d.bytes) {
      issues.push(
        issue(
          codes.changed,
          `${what} ${d.path} changed: ${d.bytes} → ${n.bytes} bytes, sha256 ${d.sha256.slice(0, 12)}… → ${n.sha256.slice(0, 12)}…`,
          { file: d.path, hint: 'find out who rewrote it; re-record only if the new content is intended' },
        ),
      );
    }
  }
  for (const n of now) {
    if (!wasPaths.has(n.path))
      issues.push(
        issue(codes.added, `${what} ${n.path} is not in the record`, {
          file: n.path,
          hint: 'a stale shard or a later run wrote it; move it away or re-record',
        }),
      );
  }
  return issues;
}

function diffConfigFiles(was: readonly RecordFileDigest[], now: readonly RecordFileDigest[]): Issue[] {
  const code = 'SW_RECORD_CONFIG_DRIFT';
  return diffDigests(was, now, { changed: code, missing: code, added: code }, 'config file');
}

function diffSizes(recorded: RunRecord, fresh: RunRecord): Issue[] {
  const show = (s: RunRecord['sizes'][number]) => `${s.size} from ${s.source}${s.file ? ` (${s.file})` : ''}`;
  // A dataset can have a size from several sources (shard predictions and the size cache): compare per source.
  const keyOf = (s: RunRecord['sizes'][number]) => `${s.dataset}\u0000${s.source}`;
  const now = new Map(fresh.sizes.map((s) => [keyOf(s), s]));
  const issues: Issue[] = [];
  for (const s of recorded.sizes) {
    const n = now.get(keyOf(s));
    if (!n)
      issues.push(
        issue('SW_RECORD_SIZE_DRIFT', `dataset ${s.dataset} (recorded size ${show(s)}) no longer has a size from ${s.source}`, {
          abbr: s.dataset,
        }),
      );
    else if (n.size !== s.size) {
      issues.push(
        issue('SW_RECORD_SIZE_DRIFT', `size of ${s.dataset} was ${show(s)}, is now ${show(n)}`, {
          abbr: s.dataset,
          hint: 'a changed size moves every shard boundary; find which source changed',
        }),
      );
    }
    now.delete(keyOf(s));
  }
  for (const n of now.values())
    issues.push(issue('SW_RECORD_SIZE_DRIFT', `dataset ${n.dataset} (size ${show(n)}) is not in the record`, { abbr: n.dataset }));
  return issues;
}

function diffMerged(recorded: RunRecord, fresh: RunRecord): Issue[] {
  const key = (m: { model: string; dataset: string }) => `${m.model}\u0000${m.dataset}`;
  const now = new Map(fresh.merged.map((m) => [key(m), m]));
  const issues: Issue[] = [];
  for (const m of recorded.merged) {
    const n = now.get(key(m));
    now.delete(key(m));
    if (n && n.status === m.status && n.sha256 === m.sha256) continue;
    const detail = !n
      ? 'is no longer merged'
      : n.status !== m.status
        ? `was ${m.status}, is now ${n.status}${n.codes?.length ? ` (${n.codes.join(', ')})` : ''}`
        : `changed: ${canonicalJson(m.metrics ?? {})} → ${canonicalJson(n.metrics ?? {})}`;
    issues.push(
      issue('SW_RECORD_MERGE_DRIFT', `merged result of ${m.model}/${m.dataset} ${detail}`, {
        model: m.model,
        abbr: m.dataset,
        hint: "run 'shardwise merge' on the run dir to see why",
      }),
    );
  }
  for (const n of now.values()) {
    issues.push(
      issue('SW_RECORD_MERGE_DRIFT', `merged result of ${n.model}/${n.dataset} is new (${n.status})`, { model: n.model, abbr: n.dataset }),
    );
  }
  return issues;
}
