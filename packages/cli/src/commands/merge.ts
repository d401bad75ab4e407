import { issue, ShardwiseError, toPlainJson, type Issue } from '@shardwise/core';
import { loadMergeRules, materialized, mergeRunEach, replaceable, writeMerge, type RunMergeOutcome } from '@shardwise/merge';
import type { CommandModule } from '../command-kit.js';
import { loadRun } from '../load-run.js';
import { inputsOf } from './plan.js';

export const mergeCommand: CommandModule = {
  spec: {
    name: 'merge',
    summary: 'merge shard results into the unsplit results OpenCompass would have written (dry run unless --write)',
    examples: ['shardwise merge outputs/default/20250101_120000', 'shardwise merge outputs/default/20250101_120000 --write'],
  },
  options: (cmd) =>
    cmd
      .argument('<run-dir>', 'the run dir <work_dir>/<timestamp>')
      .option('--config <file>', 'config to plan from (default: the newest configs/*.py in the run dir)')
      .option('--write', 'write results/<m>/<abbr>.json and their .shardwise.json sidecars (atomically)')
      .option('--force', 'replace existing unsplit result files')
      .option('--json', 'print what was (or would be) merged as JSON'),
  run: async (args, options, io) => {
    const loaded = await loadRun(args[0]!, inputsOf(options), io);
    if (!loaded.runDir) throw new ShardwiseError(issue('SW_USAGE', `${args[0]} is not a run dir`, { hint: 'give <work_dir>/<timestamp>' }));
    const { rules, issues: ruleIssues } = loadMergeRules(loaded.settings.settings.merge?.rules ?? []);
    const json = Boolean(options['json']);
    const write = Boolean(options['write']);
    const issues: Issue[] = [...loaded.issues, ...ruleIssues];
    const writeIssues: Issue[] = [];
    const written: string[] = [];
    // Each outcome is printed and written as it comes, then dropped; --json keeps its serialised JSON
    // and its lines (the text of a JSON result, which the demo shows).
    const outcomesJson: string[] = [];
    const lines: string[] = [];
    let merged = 0;
    // Every planned write already identical on disk: a repeated --write changes nothing, and says so.
    let writes = 0;
    let current = true;
    for (const o of mergeRunEach(loaded.runDir, loaded.experiment, loaded.plan, rules, loaded.counts)) {
      merged++;
      writes += o.writes.length;
      current &&= o.writes.every((w) => w.state === 'identical');
      issues.push(...o.issues);
      const done = write ? writeMerge(loaded.runDir, [o], { force: Boolean(options['force']) }) : undefined;
      if (done) {
        written.push(...done.written);
        writeIssues.push(...done.issues);
      }
      const shown = outcomeLines(o, done?.written);
      if (json) {
        outcomesJson.push(JSON.stringify(outcomeJson(o), null, 2));
        lines.push(...shown);
      } else io.stdout(shown.join('\n') + '\n');
    }
    issues.push(...writeIssues);
    if (!write) lines.push('', 'dry run: nothing was written (pass --write)');
    else if (writes && current) lines.push('', 'nothing to write: every merged file on disk is current');
    return {
      issues,
      ...(json ? { jsonText: jsonText({ runDir: loaded.runDir, dryRun: !write, written }, outcomesJson, issues) } : {}),
      text: !merged ? 'nothing to merge: no dataset of this run was split at eval time' : lines.join('\n'),
      tally: true,
    };
  },
};

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
    ...(o.reevaluation ? { reevaluation: { command: o.reevaluation.command, prerequisites: o.reevaluation.prerequisites, predictionsPath: o.reevaluation.predictionsPath } } : {}),
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
    const rules = o.keys.filter((k) => o.result?.has(k.key)).map((k) => `${k.key} ${k.rule}${k.approximate ? '~' : ''}`).join(', ');
    lines.push(`merged   ${o.model}/${o.dataset} from ${o.rows.length} shards (${o.rows.map((r) => r.rows).join('+')} rows) → ${o.target}`);
    lines.push(`         rules: ${rules}`);
  } else {
    lines.push(`refused  ${o.model}/${o.dataset}: ${o.refusal!.reason}`);
    lines.push(`         fix: ${o.refusal!.fix}`);
    if (o.reevaluation) {
      if (o.reevaluation.predictionsPath && o.reevaluation.predictions) lines.push(`         merged predictions → ${o.reevaluation.predictionsPath}`);
      for (const p of o.reevaluation.prerequisites) lines.push(`         before: ${p}`);
      lines.push(`         then:   ${o.reevaluation.command}`);
    }
  }
  for (const w of o.writes) {
    const done = written?.includes(w.path);
    const state = w.state === 'identical' ? 'unchanged (identical on disk)' : done ? 'written' : written ? 'not written' : w.state === 'new' ? 'would write' : replaceable(o, w) ? "would replace (shardwise's own merge)" : 'would replace (needs --force)';
    lines.push(`         ${w.kind.padEnd(11)} ${w.path}: ${state}`);
  }
  return lines;
}
