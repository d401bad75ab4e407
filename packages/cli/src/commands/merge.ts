import { issue, ShardwiseError, toPlainJson } from '@shardwise/core';
import { loadMergeRules, mergeRun, writeMerge, type RunMergeOutcome } from '@shardwise/merge';
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
    const outcomes = mergeRun(loaded.runDir, loaded.experiment, loaded.plan, rules);
    const write = options['write'] ? writeMerge(loaded.runDir, outcomes, { force: Boolean(options['force']) }) : undefined;
    return {
      issues: [...loaded.issues, ...ruleIssues, ...outcomes.flatMap((o) => o.issues), ...(write?.issues ?? [])],
      json: { runDir: loaded.runDir, dryRun: !write, written: write?.written ?? [], outcomes: outcomes.map(outcomeJson) },
      text: mergeText(outcomes, write?.written),
      tally: true,
    };
  },
};

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
    ...(o.result ? { result: toPlainJson(o.result) } : {}),
    writes: o.writes.map((w) => ({ path: w.path, kind: w.kind, state: w.state })),
  };
}

function mergeText(outcomes: RunMergeOutcome[], written: string[] | undefined): string {
  if (!outcomes.length) return 'nothing to merge: no dataset of this run was split at eval time';
  const lines: string[] = [];
  for (const o of outcomes) {
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
      const state = w.state === 'identical' ? 'unchanged (identical on disk)' : done ? 'written' : written ? 'not written' : w.state === 'new' ? 'would write' : 'would replace (needs --force)';
      lines.push(`         ${w.kind.padEnd(11)} ${w.path}: ${state}`);
    }
  }
  if (!written) lines.push('', 'dry run: nothing was written (pass --write)');
  return lines.join('\n');
}
