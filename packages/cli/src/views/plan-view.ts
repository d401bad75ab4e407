import type { StagePlan } from '@shardwise/core';
import type { Run } from '@shardwise/run';
import type { CommandResult } from '../command-kit.js';
import { indent, table } from '../render-table.js';

export const STAGES = { infer: ['infer'], eval: ['eval'], all: ['infer', 'eval'] } as const;

/** The plan of the chosen stages (with `--work-dir`'s skips when given), as tables and as JSON. */
export function planView(run: Run, stage: keyof typeof STAGES): CommandResult {
  const { plan, issues } = run.planned();
  const wanted = STAGES[stage];
  const stages = Object.fromEntries(wanted.map((s) => [s, plan.stages[s]]));
  return {
    issues: [...run.issues, ...issues],
    json: { stages, sizes: plan.sizes, assumptions: plan.assumptions },
    text: wanted.map((s) => stageText(s, plan.stages[s]!)).join('\n'),
  };
}

/** A readable table of one stage: partitioner, tasks in creation order, and files. */
function stageText(stage: string, p: StagePlan): string {
  const args = Object.entries(p.partitioner.args)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  const head = `${stage}: ${p.partitioner.type}(${args})${p.partitioner.assumed ? '  [not in the config: OpenCompass CLI default]' : ''}`;
  const tasks = table(
    ['task', 'model', 'datasets'],
    p.tasks.map((t, i) => [String(i), t.model, t.datasets.map(([a, r]) => (r === null ? a : `${a} ${r}`)).join(', ')]),
  );
  const files = table(
    ['model', 'dataset', 'file', 'rows', 'start', 'end'],
    p.files.map((f) => [f.model, f.dataset, f.path, String(f.size), String(f.start), String(f.end)]),
  );
  return `${head}\n  ${p.tasks.length} task(s), ${p.files.length} file(s)\n\n${indent(tasks)}\n\n${indent(files)}\n`;
}
