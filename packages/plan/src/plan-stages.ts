import { issue, type DatasetSize, type Issue, type Plan, type PlannedFile, type StagePlan } from '@shardwise/core';
import { outputPath } from './run-paths.js';
import { type Chunk, type PartitionerPlanner, type StageContext } from './chunk.js';
import type { DatasetEntry, Experiment, StageSetting } from './experiment.js';
import { naivePartitioner } from './naive-partitioner.js';
import { numWorkerPartitioner } from './num-worker-partitioner.js';
import { sizePartitioner } from './size-partitioner.js';

/** The partitioners shardwise reproduces, by the last segment of their type. */
export const PARTITIONERS: readonly PartitionerPlanner[] = [naivePartitioner, numWorkerPartitioner, sizePartitioner];

export interface PlanOptions {
  /** Does this run-dir-relative output exist? Applies OpenCompass's skip rules; absent → the full plan. */
  existing?: (runRelPath: string) => boolean;
}

/** Tasks and expected files of the infer and eval stages, in the order OpenCompass creates them. */
export function planStages(experiment: Experiment, sizes: DatasetSize[], options: PlanOptions = {}): Plan & { issues: Issue[] } {
  const issues: Issue[] = [];
  // Both stages name the same chunks: one string per distinct abbr and range, and one [abbr, range] task entry
  // per distinct pair, not one per model and stage (a plan holds one per shard file).
  const seen = new Map<string, string>();
  const one = (text: string): string => seen.get(text) ?? (seen.set(text, text), text);
  const entries = new Map<string, Map<string | null, [string, string | null]>>();
  const entry = (abbr: string, range: string | null): [string, string | null] => {
    let byRange = entries.get(abbr);
    if (!byRange) entries.set(abbr, (byRange = new Map<string | null, [string, string | null]>()));
    let found = byRange.get(range);
    if (!found) byRange.set(range, (found = [one(abbr), range === null ? null : one(range)]));
    return found;
  };
  const stage = (setting: StageSetting) => planStage(experiment, setting, sizes, options.existing, issues, one, entry);
  const infer = stage(experiment.infer);
  const evalStage = stage(experiment.eval);
  const assumptions = [experiment.infer, experiment.eval]
    .filter((s) => s.assumed)
    .map(
      (s) =>
        `${s.stage}: ${s.type}(${Object.entries(plannerFor(s).effectiveArgs(s.args))
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(', ')}) filled in by the OpenCompass CLI`,
    );
  return { stages: { infer, eval: evalStage }, sizes, assumptions, issues };
}

/** The planned eval shard files of one model × dataset; [] when its eval is unsplit. */
export function evalShardsOf(plan: Plan, model: string, dataset: string): PlannedFile[] {
  return stageFilesOf(plan.stages.eval, model, dataset).filter((f) => f.shard !== null);
}

/** The planned files of one model × dataset in one stage, in shard order. */
export function stageFilesOf(stage: StagePlan | undefined, model: string, dataset: string): PlannedFile[] {
  return (filesIndexOf(stage?.files ?? []).get(`${model}\u0000${dataset}`) ?? []).slice();
}

/** Per files array, model × dataset → files: every command looks up every pair, so a scan per lookup is quadratic. */
const filesIndex = new WeakMap<PlannedFile[], { length: number; byPair: Map<string, PlannedFile[]> }>();

function filesIndexOf(files: PlannedFile[]): Map<string, PlannedFile[]> {
  const cached = filesIndex.get(files);
  if (cached?.length === files.length) return cached.byPair;
  const byPair = new Map<string, PlannedFile[]>();
  for (const f of files) {
    const key = `${f.model}\u0000${f.dataset}`;
    const list = byPair.get(key);
    if (list) list.push(f);
    else byPair.set(key, [f]);
  }
  filesIndex.set(files, { length: files.length, byPair });
  return byPair;
}

export function plannerFor(setting: StageSetting): PartitionerPlanner {
  return PARTITIONERS.find((p) => p.kinds.includes(setting.kind)) ?? naivePartitioner;
}

function planStage(
  experiment: Experiment,
  setting: StageSetting,
  sizes: DatasetSize[],
  exists: ((p: string) => boolean) | undefined,
  issues: Issue[],
  one: (text: string) => string,
  entry: (abbr: string, range: string | null) => [string, string | null],
): StagePlan {
  const planner = plannerFor(setting);
  if (!planner.kinds.includes(setting.kind)) {
    issues.push(
      issue(
        'SW_PLAN_PARTITIONER_UNMODELLED',
        `${setting.stage}.partitioner ${setting.type} is not modelled; its outputs are planned as unsplit`,
        {
          hint: 'shard checks for this stage are approximate; subjective partitioners are checked by their own summarizers',
        },
      ),
    );
  }
  const ctx: StageContext = { stage: setting.stage, setting, sizes, ...(exists ? { exists } : {}), issues };
  const tasks = experiment.combinations.flatMap((c) => planner.plan(c, ctx));
  return {
    partitioner: { type: setting.type, args: planner.effectiveArgs(setting.args), ...(setting.assumed ? { assumed: true } : {}) },
    tasks: tasks.map((t) => ({ model: t[0]!.model.abbr, datasets: t.map((c) => entry(c.abbr, c.testRange)) })),
    files: filesInProductionOrder(tasks, setting.stage, experiment, one),
  };
}

/** Every chunk's output file, by model (task order), then dataset (config order), then shard. */
function filesInProductionOrder(
  tasks: Chunk[][],
  stage: 'infer' | 'eval',
  experiment: Experiment,
  one: (text: string) => string,
): PlannedFile[] {
  // Chunks grouped by model, then dataset, in one pass (filtering all chunks per model and dataset was quadratic).
  const byModel = new Map<string, Map<DatasetEntry, Chunk[]>>();
  for (const c of tasks.flat()) {
    const own = byModel.get(c.model.abbr) ?? byModel.set(c.model.abbr, new Map()).get(c.model.abbr)!;
    const list = own.get(c.dataset);
    if (list) list.push(c);
    else own.set(c.dataset, [c]);
  }
  // Plain loops and one output array: nested flatMaps built an array per model and dataset, then copied them all.
  const files: PlannedFile[] = [];
  for (const [m, own] of byModel) {
    for (const ds of experiment.datasets) {
      const chunks = own.get(ds);
      if (!chunks) continue;
      chunks.sort((a, b) => (a.shard ?? -1) - (b.shard ?? -1));
      for (const c of chunks) {
        files.push({
          model: m,
          dataset: ds.abbr,
          abbr: one(c.abbr),
          shard: c.shard,
          start: c.start,
          end: c.end,
          size: c.end - c.start,
          path: outputPath(stage, m, c.abbr),
        });
      }
    }
  }
  return files;
}
