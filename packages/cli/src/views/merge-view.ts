import { ShardwiseError, toPlainJson, type Issue } from '@shardwise/core';
import { materialized, replaceable, type RunMergeOutcome } from '@shardwise/merge';
import type { Run } from '@shardwise/run';
import type { CliIo } from '../cli-io.js';
import type { CommandResult } from '../command-kit.js';

/**
 * How merge's output is produced: `stream` prints each outcome's lines as it comes (the CLI's text mode);
 * `json` builds the `--json` text outcome by outcome; `collect` keeps the JSON fields as data (the demo).
 */
export type MergeOutput = 'stream' | 'json' | 'collect';

/** A refused merge, without its merged predictions: why, and the re-evaluation that gives the unsplit value. */
export type RefusedMerge = Pick<RunMergeOutcome, 'model' | 'dataset'> & {
  refusal: NonNullable<RunMergeOutcome['refusal']>;
  reevaluation?: { command: string; prerequisites: string[] };
};

export interface MergeView {
  result: CommandResult;
  /** The refused merges (the outcomes themselves are dropped as they are shown). */
  refused: RefusedMerge[];
}

/** Merges (dry run unless `write`) outcome by outcome: each is shown and written as it comes, then dropped. */
export function mergeView(run: Run, options: { write: boolean; force: boolean; output: MergeOutput }, io: CliIo): MergeView {
  const runDir = run.requireRunDir('merge');
  const issues: Issue[] = [...run.issues, ...run.ruleIssues];
  const writeIssues: Issue[] = [];
  const written: string[] = [];
  const refused: RefusedMerge[] = [];
  // --json keeps each outcome's serialised JSON and its lines (the text of a JSON result, which the demo shows).
  const outcomesJson: string[] = [];
  const outcomes: unknown[] = [];
  const lines: string[] = [];
  let merged = 0;
  // Every planned write already identical on disk: a repeated --write changes nothing, and says so.
  let writes = 0;
  let current = true;
  for (const step of run.merge({ write: options.write, force: options.force })) {
    const o = settled(step.outcome, options.output !== 'stream');
    merged++;
    writes += o.writes.length;
    current &&= o.writes.every((w) => w.state === 'identical');
    issues.push(...o.issues);
    if (step.written) written.push(...step.written);
    writeIssues.push(...step.writeIssues);
    if (o.status === 'refused' && o.refusal) {
      refused.push({
        model: o.model,
        dataset: o.dataset,
        refusal: o.refusal,
        ...(o.reevaluation ? { reevaluation: { command: o.reevaluation.command, prerequisites: o.reevaluation.prerequisites } } : {}),
      });
    }
    const shown = outcomeLines(o, step.written);
    if (options.output === 'stream') io.stdout(shown.join('\n') + '\n');
    else {
      if (options.output === 'json') outcomesJson.push(JSON.stringify(outcomeJson(o), null, 2));
      else outcomes.push(outcomeJson(o));
      lines.push(...shown);
    }
  }
  issues.push(...writeIssues);
  if (!options.write) lines.push('', 'dry run: nothing was written (pass --write)');
  else if (writes && current) lines.push('', 'nothing to write: every merged file on disk is current');
  const head = { runDir, dryRun: !options.write, written };
  return {
    result: {
      issues,
      ...(options.output === 'json' ? { jsonText: jsonText(head, outcomesJson, issues) } : {}),
      ...(options.output === 'collect' ? { json: { ...head, outcomes } } : {}),
      text: !merged ? 'nothing to merge: no dataset of this run was split at eval time' : lines.join('\n'),
      tally: true,
    },
    refused,
  };
}

/**
 * The outcome with what the view reads of it built: each write's state against the disk and, for JSON, the merged
 * result. A shard's `details` are parsed only then (docs/opencompass.md §2.4), so a shard that changed or broke
 * since it was read surfaces here as a coded error: that dataset is refused, and the others are still shown.
 */
function settled(o: RunMergeOutcome, withResult: boolean): RunMergeOutcome {
  try {
    for (const w of o.writes) void w.state;
    if (withResult && o.result) materialized(o.result);
    return o;
  } catch (e) {
    if (!(e instanceof ShardwiseError)) throw e;
    const first = e.issues[0]!;
    const { result: _dropped, ...rest } = o;
    return {
      ...rest,
      status: 'refused',
      writes: [],
      issues: [...o.issues, ...e.issues],
      refusal: {
        code: first.code,
        reason: first.file ? `${first.file}: ${first.message}` : first.message,
        keys: [],
        fix: first.hint ?? 're-run the shard evaluation',
        reevaluate: false,
      },
    };
  }
}

/** `JSON.stringify({...head, outcomes, issues}, null, 2)` from outcomes serialised one by one. */
function jsonText(head: Record<string, unknown>, outcomes: string[], issues: Issue[]): string {
  const hole = '"outcomes": null';
  const text = JSON.stringify({ ...head, outcomes: null, issues }, null, 2);
  const at = text.indexOf(`\n  ${hole}`) + 3;
  const list = outcomes.length ? `[\n    ${outcomes.map((o) => o.replaceAll('\n', '\n    ')).join(',\n    ')}\n  ]` : '[]';
  return text.slice(0, at) + `"outcomes": ${list}` + text.slice(at + hole.length);
}

function outcomeJson(o: RunMergeOutcome) {
  return {
    model: o.model,
    dataset: o.dataset,
    status: o.status,
    target: o.target,
    rows: o.rows,
    keys: o.keys,
    ...(o.refusal ? { refusal: o.refusal } : {}),
    ...(o.reevaluation
      ? {
          reevaluation: {
            command: o.reevaluation.command,
            prerequisites: o.reevaluation.prerequisites,
            predictionsPath: o.reevaluation.predictionsPath,
          },
        }
      : {}),
    ...(o.result ? { result: toPlainJson(materialized(o.result)) } : {}),
    writes: o.writes.map((w) => ({ path: w.path, kind: w.kind, state: w.state })),
  };
}

function outcomeLines(o: RunMergeOutcome, written: string[] | undefined): string[] {
  const lines: string[] = [];
  if (o.present) {
    lines.push(`present  ${o.model}/${o.dataset}: ${o.present}`);
    return lines;
  }
  if (o.mergeState.state === 'stale') lines.push(`stale    ${o.model}/${o.dataset}: ${o.mergeState.changes.join('; ')}`);
  if (o.status === 'merged') {
    const rules = o.keys
      .filter((k) => o.result?.has(k.key))
      .map((k) => `${k.key} ${k.rule}${k.approximate ? '~' : ''}`)
      .join(', ');
    lines.push(`merged   ${o.model}/${o.dataset} from ${o.rows.length} shards (${o.rows.map((r) => r.rows).join('+')} rows) → ${o.target}`);
    lines.push(`         rules: ${rules}`);
  } else {
    lines.push(`refused  ${o.model}/${o.dataset}: ${o.refusal!.reason}`);
    lines.push(`         fix: ${o.refusal!.fix}`);
    if (o.reevaluation) {
      if (o.reevaluation.predictionsPath && o.reevaluation.predictions)
        lines.push(`         merged predictions → ${o.reevaluation.predictionsPath}`);
      for (const p of o.reevaluation.prerequisites) lines.push(`         before: ${p}`);
      lines.push(`         then:   ${o.reevaluation.command}`);
    }
  }
  for (const w of o.writes) {
    const done = written?.includes(w.path);
    const state =
      w.state === 'identical'
        ? 'unchanged (identical on disk)'
        : done
          ? 'written'
          : written
            ? 'not written'
            : w.state === 'new'
              ? 'would write'
              : replaceable(o, w)
                ? "would replace (shardwise's own merge)"
                : 'would replace (needs --force)';
    lines.push(`         ${w.kind.padEnd(11)} ${w.path}: ${state}`);
  }
  return lines;
}
