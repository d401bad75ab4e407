import { issue, pyDict, type CheckAdvice, type Issue, type Plan, type PlanDigest, type StagePlan } from '@shardwise/core';
import type { StageContext } from './chunk.js';
import type { Experiment, StageSetting } from './experiment.js';
import { numWorkerSettings, numWorkerStep } from './num-worker-partitioner.js';
import { planStages } from './plan-stages.js';
import { sizeOf } from './dataset-size.js';
import { costFactor, SIZE_DEFAULTS } from './size-partitioner.js';

const NAIVE = 'opencompass.partitioners.NaivePartitioner';
const SIZE = 'opencompass.partitioners.SizePartitioner';

/** NumWorker shard sizes of the split datasets this many times apart count as very unequal. */
const UNEQUAL_SHARD_RATIO = 10;

/** A rule that spots a setting whose splitting buys little and proposes another one. */
interface AdviceRule {
  code: Issue['code'];
  stage: 'infer' | 'eval';
  /** The proposed setting and why, or undefined when the rule does not apply. */
  propose(experiment: Experiment, plan: Plan): { setting: StageSetting; reason: string; cli?: string } | undefined;
}

const RULES: readonly AdviceRule[] = [
  {
    code: 'SW_ADVICE_NAIVE_EVAL',
    stage: 'eval',
    propose: (_experiment, plan) => {
      const split = digest(plan.stages.eval).splitDatasets;
      if (!split) return undefined;
      return {
        setting: { stage: 'eval', type: NAIVE, kind: 'NaivePartitioner', args: pyDict(), assumed: false },
        reason: `eval splits ${split} model × dataset pair(s): evaluation is cheap next to inference, eval shards need identically split predictions, and the stock summarizer cannot read them`,
      };
    },
  },
  {
    code: 'SW_ADVICE_MIN_TASK_SIZE',
    stage: 'infer',
    propose: (experiment, plan) => {
      const s = numWorkerOf(experiment.infer);
      if (!s) return undefined;
      // Datasets whose shards are held at the min_task_size floor: more, tinier shards than num_split intends.
      const floored = experiment.datasets
        .map((ds) => sizeOf(plan.sizes ?? [], ds.abbr))
        .filter(
          (size): size is number =>
            size !== undefined && numWorkerStep(size, s) === s.minTaskSize && Math.ceil(size / s.numSplit) < s.minTaskSize,
        );
      if (!floored.length) return undefined;
      const minTaskSize = Math.max(...floored);
      return {
        setting: withArgs(experiment.infer, { min_task_size: BigInt(minTaskSize) }),
        reason: `${floored.length} dataset(s) are cut into ${s.minTaskSize}-row shards (the min_task_size floor); loading the model per tiny shard costs more than it saves`,
      };
    },
  },
  {
    code: 'SW_ADVICE_FEWER_SHARDS',
    stage: 'infer',
    propose: (experiment) => {
      const s = numWorkerOf(experiment.infer);
      if (!s || s.numSplit <= s.buckets) return undefined;
      return {
        setting: withArgs(experiment.infer, { num_split: BigInt(s.buckets) }),
        reason: `num_split ${s.numSplit} cuts each dataset into more shards than the ${s.buckets} workers run at once; the extra shards only queue`,
      };
    },
  },
  {
    code: 'SW_ADVICE_SIZE_PARTITIONER',
    stage: 'infer',
    propose: (experiment, plan) => {
      const s = numWorkerOf(experiment.infer);
      if (!s) return undefined;
      const sized = experiment.datasets.flatMap((ds) => {
        const size = sizeOf(plan.sizes ?? [], ds.abbr);
        return size === undefined ? [] : [{ ds, size, step: numWorkerStep(size, s) }];
      });
      // NumWorker cuts every dataset into num_split shards whatever its size: tiny shards of small ones, huge of large ones.
      const steps = sized.flatMap((x) => (x.step === undefined ? [] : [x.step]));
      if (steps.length < 2 || Math.max(...steps) < UNEQUAL_SHARD_RATIO * Math.min(...steps)) return undefined;
      // SizePartitioner packs by cost (rows × factor): one worker's share of the total cost per task, and never
      // below a factor (SizePartitioner divides by max_task_size // factor).
      const coef = SIZE_DEFAULTS.gen_task_coef;
      const costs = sized.map((x) => ({ cost: x.size * costFactor(x.ds, coef), factor: costFactor(x.ds, coef) }));
      const total = costs.reduce((a, c) => a + c.cost, 0);
      const maxTaskSize = Math.max(Math.ceil(total / s.buckets), ...costs.map((c) => c.factor));
      return {
        setting: {
          stage: 'infer',
          type: SIZE,
          kind: 'SizePartitioner',
          args: pyDict([['max_task_size', BigInt(maxTaskSize)]]),
          assumed: false,
        },
        reason: `NumWorker cuts every dataset into ${s.numSplit} shards whatever its size (shards of ${Math.min(...steps)} to ${Math.max(...steps)} rows); SizePartitioner cuts by cost, keeping small datasets whole and packing them together`,
      };
    },
  },
];

/** Advice entries for the stages of this plan, with the plan each proposal gives; also returned as info issues. */
export function adviseSettings(experiment: Experiment, plan: Plan): { advice: CheckAdvice[]; issues: Issue[] } {
  const advice: CheckAdvice[] = [];
  const issues: Issue[] = [];
  for (const rule of RULES) {
    const p = rule.propose(experiment, plan);
    if (!p) continue;
    const proposed = planStages({ ...experiment, [rule.stage]: p.setting }, plan.sizes ?? []);
    const stagePlan = proposed.stages[rule.stage]!;
    const entry: CheckAdvice = {
      code: rule.code,
      stage: rule.stage,
      reason: p.reason,
      setting: { type: p.setting.type, args: stagePlan.partitioner.args, ...(p.cli ? { cli: p.cli } : {}) },
      current: digest(plan.stages[rule.stage]),
      proposed: digest(stagePlan),
    };
    advice.push(entry);
    issues.push(
      issue(rule.code, `${p.reason}; ${describe(entry)}`, {
        hint: `set ${rule.stage}.partitioner to ${p.setting.kind}(${Object.entries(entry.setting.args)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(', ')})`,
      }),
    );
  }
  return { advice, issues };
}

/** A plan summarized for comparison. */
export function digest(stage: StagePlan | undefined): PlanDigest {
  // One pass: a Set of "model dataset" keys and Math.min(...sizes) cost more than the rest of a check, and a
  // spread of every shard size overflows the call stack on the largest runs.
  const splitByModel = new Map<string, Set<string>>();
  let smallest: number | null = null;
  let largest: number | null = null;
  let splitDatasets = 0;
  for (const f of stage?.files ?? []) {
    if (f.shard === null) continue;
    smallest = smallest === null || f.size < smallest ? f.size : smallest;
    largest = largest === null || f.size > largest ? f.size : largest;
    let datasets = splitByModel.get(f.model);
    if (!datasets) splitByModel.set(f.model, (datasets = new Set()));
    if (!datasets.has(f.dataset)) {
      datasets.add(f.dataset);
      splitDatasets++;
    }
  }
  return {
    tasks: stage?.tasks.length ?? 0,
    files: stage?.files.length ?? 0,
    splitDatasets,
    smallestShard: smallest,
    largestShard: largest,
  };
}

function describe(a: CheckAdvice): string {
  const d = (x: PlanDigest) =>
    `${x.tasks} tasks, ${x.files} files, ${x.splitDatasets} split` +
    (x.smallestShard !== null ? ` (shards ${x.smallestShard}–${x.largestShard} rows)` : '');
  return `now ${d(a.current)}; proposed ${d(a.proposed)}`;
}

function numWorkerOf(setting: StageSetting) {
  if (setting.kind !== 'NumWorkerPartitioner') return undefined;
  const ctx: StageContext = { stage: setting.stage, setting, sizes: [], issues: [] };
  return numWorkerSettings(setting.args, ctx);
}

function withArgs(setting: StageSetting, args: Record<string, bigint>): StageSetting {
  const merged = pyDict([...setting.args]);
  for (const [k, v] of Object.entries(args)) merged.set(k, v);
  return { ...setting, args: merged, assumed: false };
}
