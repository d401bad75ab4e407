import { dig, isDict, issue, pyDict, sequenceItems, type Issue, type PyDict, type PyValue } from '@shardwise/core';
import { datasetAbbr, headerAbbr, lastSegment, modelAbbr, typeName } from './abbr.js';
import type { Combination, DatasetEntry, Experiment, ModelEntry, StageSetting } from './experiment.js';

export interface BuildOptions {
  configFile?: string;
  /** `--max-num-workers` of the launch (default 1): fills NumWorkerPartitioner when the config has no `infer`. */
  maxNumWorkers?: number;
  /** Launch folder, for model abbrs derived from a relative `path` (realpath resolves against it). */
  launchDir?: string;
}

/** What OpenCompass's CLI fills in when a stage is absent (`fill_infer_cfg` / `fill_eval_cfg`, docs/opencompass.md §3.2). */
const CLI_DEFAULT_PARTITIONER = {
  infer: (workers: number) => ({
    type: 'opencompass.partitioners.num_worker.NumWorkerPartitioner',
    args: pyDict([['num_worker', BigInt(workers)]]),
  }),
  eval: () => ({ type: 'opencompass.partitioners.naive.NaivePartitioner', args: pyDict() }),
} as const;

/** The experiment as partitioners, tasks and the summarizer see it, from an evaluated config namespace. */
export function buildExperiment(namespace: PyDict, options: BuildOptions = {}): { experiment: Experiment; issues: Issue[] } {
  const issues: Issue[] = [];
  const file = options.configFile;
  const models = entries(namespace, 'models', issues, file).flatMap((cfg, i) => {
    const abbr = modelAbbr(cfg, options.launchDir);
    if (abbr === undefined) {
      issues.push(
        issue('SW_PLAN_ABBR_UNDERIVABLE', `models[${i}] has neither 'abbr' nor 'type' and 'path'`, {
          file,
          hint: "give the model an 'abbr'",
        }),
      );
      return [];
    }
    if (escapesRunDir(abbr)) return abbrPathIssue(issues, `models[${i}]`, abbr, { model: abbr }, file);
    return [{ abbr, headerAbbr: headerAbbr(cfg, abbr), config: cfg } satisfies ModelEntry];
  });
  const datasets = entries(namespace, 'datasets', issues, file).flatMap((cfg, i) => {
    const abbr = datasetAbbr(cfg);
    if (abbr === undefined) {
      issues.push(
        issue('SW_PLAN_ABBR_UNDERIVABLE', `datasets[${i}] has neither 'abbr' nor 'path' (OpenCompass raises KeyError)`, {
          file,
          hint: "give the dataset an 'abbr'",
        }),
      );
      return [];
    }
    if (escapesRunDir(abbr)) return abbrPathIssue(issues, `datasets[${i}]`, abbr, { abbr }, file);
    return [datasetEntry(cfg, abbr)];
  });
  if (!models.length) issues.push(issue('SW_PLAN_NO_MODELS', 'the config defines no models', { file, hint: 'a run needs models = [...]' }));
  if (!datasets.length)
    issues.push(issue('SW_PLAN_NO_DATASETS', 'the config defines no datasets', { file, hint: 'a run needs datasets = [...]' }));
  reportDuplicates(
    'model',
    models.map((m) => m.abbr),
    issues,
    file,
  );
  reportDuplicates(
    'dataset',
    datasets.map((d) => d.abbr),
    issues,
    file,
  );

  const workers = options.maxNumWorkers ?? 1;
  const infer = stageSetting(namespace, 'infer', workers, issues, file);
  const evalStage = stageSetting(namespace, 'eval', workers, issues, file);
  const summarizer = namespace.get('summarizer');
  const experiment: Experiment = {
    ...(file !== undefined ? { configFile: file } : {}),
    ...(typeof namespace.get('work_dir') === 'string' ? { workDir: namespace.get('work_dir') as string } : {}),
    models,
    datasets,
    infer,
    eval: evalStage,
    ...(isDict(summarizer) ? { summarizer } : {}),
    combinations: combinations(namespace, models, datasets, issues, file, options.launchDir),
  };
  return { experiment, issues };
}

function datasetEntry(cfg: PyDict, abbr: string): DatasetEntry {
  const n = cfg.get('n');
  const evaluator = typeName(dig(cfg, 'eval_cfg', 'evaluator', 'type'));
  const inferencer = typeName(dig(cfg, 'infer_cfg', 'inferencer', 'type'));
  const reader = cfg.get('reader_cfg');
  return {
    abbr,
    config: cfg,
    n: typeof n === 'bigint' ? Number(n) : 1,
    k: cfg.get('k') ?? 1n,
    ...(isDict(reader) && reader.has('test_range') ? { testRange: reader.get('test_range') } : {}),
    ...(evaluator !== undefined ? { evaluatorType: lastSegment(evaluator) } : {}),
    ...(inferencer !== undefined ? { inferencerType: inferencer } : {}),
  };
}

function entries(ns: PyDict, key: 'models' | 'datasets', issues: Issue[], file?: string): PyDict[] {
  const items = sequenceItems(ns.get(key)) ?? [];
  return items.filter((v, i): v is PyDict => {
    if (isDict(v)) return true;
    issues.push(
      issue('SW_PLAN_ABBR_UNDERIVABLE', `${key}[${i}] is not a dict`, { file, hint: `every entry of ${key} must be a dict(...)` }),
    );
    return false;
  });
}

/** Abbrs name files under `<run>/<stage>/<model>/`; an absolute one or a `..` segment would reach outside the run dir. */
function escapesRunDir(abbr: string): boolean {
  return abbr.startsWith('/') || abbr.split(/[\\/]/).includes('..');
}

function abbrPathIssue(
  issues: Issue[],
  where: string,
  abbr: string,
  fields: { model?: string; abbr?: string },
  file: string | undefined,
): [] {
  issues.push(
    issue(
      'SW_PLAN_ABBR_PATH',
      `${where} has the abbr '${abbr}', which points outside the run dir; it is left out of the plan and nothing is read or written for it`,
      {
        ...fields,
        ...(file !== undefined ? { file } : {}),
        hint: "give it an abbr without '/' and '..'",
      },
    ),
  );
  return [];
}

function reportDuplicates(kind: string, abbrs: string[], issues: Issue[], file?: string): void {
  const seen = new Set<string>();
  for (const a of abbrs) {
    if (seen.has(a)) {
      issues.push(
        issue('SW_PLAN_DUPLICATE_ABBR', `two ${kind}s share the abbr '${a}': they write and read the same files`, {
          file,
          ...(kind === 'model' ? { model: a } : { abbr: a }),
          hint: `give each ${kind} a distinct 'abbr'`,
        }),
      );
    }
    seen.add(a);
  }
}

function stageSetting(ns: PyDict, stage: 'infer' | 'eval', workers: number, issues: Issue[], file?: string): StageSetting {
  const partitioner = dig(ns, stage, 'partitioner');
  const type = typeName(dig(partitioner, 'type'));
  if (isDict(partitioner) && type !== undefined) {
    const args = pyDict([...partitioner].filter(([k]) => k !== 'type'));
    return { stage, type, kind: lastSegment(type), args, assumed: false };
  }
  const fill = stage === 'infer' ? CLI_DEFAULT_PARTITIONER.infer(workers) : CLI_DEFAULT_PARTITIONER.eval();
  if (ns.has(stage)) {
    issues.push(
      issue('SW_PLAN_PARTITIONER_ARG', `'${stage}' has no partitioner with a 'type' (OpenCompass fails reading ${stage}.partitioner)`, {
        file,
        hint: `add ${stage}=dict(partitioner=dict(type=...), ...) or remove '${stage}'`,
      }),
    );
  } else {
    const what = stage === 'infer' ? `NumWorkerPartitioner(num_worker=${workers}) from --max-num-workers` : 'NaivePartitioner';
    issues.push(
      issue('SW_PLAN_DEFAULT_ASSUMED', `the config has no '${stage}': OpenCompass's CLI default ${what} was assumed`, {
        file,
        hint:
          stage === 'infer'
            ? 'pass --max-num-workers N (or [opencompass] max_num_workers) if the run was launched with one'
            : 'nothing to do unless the run used --slurm/--dlc',
      }),
    );
  }
  return { stage, type: fill.type, kind: lastSegment(fill.type), args: fill.args, assumed: true };
}

function combinations(
  ns: PyDict,
  models: ModelEntry[],
  datasets: DatasetEntry[],
  issues: Issue[],
  file?: string,
  launchDir?: string,
): Combination[] {
  const raw = sequenceItems(ns.get('model_dataset_combinations'));
  if (!raw) return [{ models, datasets }];
  return raw.filter(isDict).map((combo, i) => ({
    models: pick(combo.get('models'), models, (c) => modelAbbr(c, launchDir), 'models', i, issues, file),
    datasets: pick(combo.get('datasets'), datasets, (c) => (isDict(c) ? datasetAbbr(c) : undefined), 'datasets', i, issues, file),
  }));
}

function pick<T extends { abbr: string }>(
  value: PyValue | undefined,
  known: T[],
  abbrOf: (cfg: PyValue) => string | undefined,
  key: string,
  index: number,
  issues: Issue[],
  file?: string,
): T[] {
  return (sequenceItems(value) ?? []).flatMap((cfg) => {
    const abbr = abbrOf(cfg);
    const hit = known.find((k) => k.abbr === abbr);
    if (hit) return [hit];
    issues.push(
      issue(
        'SW_PLAN_COMBINATION_UNKNOWN',
        `model_dataset_combinations[${index}].${key} names '${abbr ?? '?'}', which is not in the top-level ${key} (OpenCompass raises ValueError)`,
        {
          file,
          hint: `add it to ${key} or drop it from the combination`,
        },
      ),
    );
    return [];
  });
}
