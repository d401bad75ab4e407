import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  discoverSettings,
  findSettingsFile,
  issue,
  RunTree,
  ShardwiseError,
  type DatasetSize,
  type Issue,
  type Plan,
  type ProjectSettings,
  type PyDict,
} from '@shardwise/core';
import {
  buildExperiment,
  findRunConfig,
  launchFolderOf,
  planStages,
  PredictionCounts,
  resolveSizes,
  type Experiment,
} from '@shardwise/plan';
import { readConfig } from '@shardwise/pyconfig';
import type { RunOptions } from './run-options.js';

/** What opening a target reads once: config, settings, experiment, sizes and the full plan. */
export interface OpenedRun {
  /** The run dir `<work_dir>/<ts>`, when the target was one. */
  runDir?: string;
  configFile: string;
  /** Every file the config read: itself, its read_base closure, opened text files (`readConfig(...).files`). */
  configFiles: string[];
  namespace: PyDict;
  experiment: Experiment;
  sizes: DatasetSize[];
  /** The full plan (nothing skipped); its issues are also in `issues`. */
  plan: Plan & { issues: Issue[] };
  settings: ProjectSettings;
  /** The folder holding the opencompass/ package (--oc-root or shardwise.toml), when known. */
  ocRoot?: string;
  /** Everything found while reading: config, experiment, sizes and plan issues. */
  issues: Issue[];
  /** The run dir's prediction files as the sizes step counted them, through the run's link-safe RunTree. */
  counts?: PredictionCounts;
}

/** The default place of OpenCompass's size cache, relative to the launch folder. */
const SIZE_CACHE = join('.cache', 'dataset_size.json');

/**
 * Reads a config `.py` or a run dir (its newest `configs/*.py`, or `options.config`), the nearest shardwise.toml, the
 * dataset sizes, and plans both stages. Throws ShardwiseError (exit 2) for an unreadable target or config.
 */
export async function openRun(target: string, options: RunOptions, cwd: string): Promise<OpenedRun> {
  const path = resolve(cwd, target);
  if (!existsSync(path)) throw unreadable(path, `${target} does not exist`, 'give a config .py or a run dir <work_dir>/<timestamp>');
  const runDir = statSync(path).isDirectory() ? path : undefined;
  const configFile = options.config ?? (runDir !== undefined ? findRunConfig(runDir) : path);
  if (configFile === undefined) {
    throw new ShardwiseError(
      issue('SW_RUN_NO_CONFIG', `${target} has no configs/*.py`, {
        file: path,
        hint: 'pass --config FILE, or point at <work_dir>/<timestamp>',
      }),
    );
  }
  if (!existsSync(configFile)) throw unreadable(configFile, `${configFile} does not exist`, 'check the --config path');

  const settings = discoverSettings(findSettingsFile(runDir ?? dirname(configFile)) ? (runDir ?? dirname(configFile)) : cwd);
  const settingsDir = settings.file !== undefined ? dirname(settings.file) : cwd;
  const env = { ...(settings.settings.env ?? {}), ...(options.env ?? {}) };
  const ocRootSetting = settings.settings.opencompass?.root;
  const ocRoot = options.ocRoot ?? (ocRootSetting !== undefined ? resolve(settingsDir, ocRootSetting) : undefined);

  const read = await readConfig(configFile, { ...(ocRoot !== undefined ? { ocRoot } : {}), env, cwd });
  if (!read.namespace) {
    throw new ShardwiseError(
      read.issues.length ? read.issues : [issue('SW_FILE_UNREADABLE', `cannot read the config ${configFile}`, { file: configFile })],
    );
  }
  const maxNumWorkers = options.maxNumWorkers ?? settings.settings.opencompass?.max_num_workers;
  const workDir = read.namespace.get('work_dir');
  const launchDir = runDir !== undefined && typeof workDir === 'string' ? launchFolderOf(runDir, workDir) : undefined;
  const built = buildExperiment(read.namespace, {
    configFile,
    ...(maxNumWorkers !== undefined ? { maxNumWorkers } : {}),
    ...(launchDir ? { launchDir } : {}),
  });

  const cacheSetting = settings.settings.sizes?.cache;
  const cacheFile =
    options.datasetSize ?? (cacheSetting !== undefined ? resolve(settingsDir, cacheSetting) : findSizeCache([launchDir, runDir, cwd]));
  if (options.datasetSize !== undefined && !existsSync(options.datasetSize))
    throw unreadable(options.datasetSize, `${options.datasetSize} does not exist`, 'check the --dataset-size path');
  const counts = runDir !== undefined ? new PredictionCounts(new RunTree(runDir)) : undefined;
  const sized = resolveSizes(built.experiment, {
    ...(counts !== undefined ? { counts } : {}),
    ...(cacheFile !== undefined ? { cacheFile } : {}),
    cli: options.sizes ?? {},
    ...(settings.settings.sizes?.datasets ? { settings: settings.settings.sizes.datasets } : {}),
    ...(settings.file !== undefined ? { settingsFile: settings.file } : {}),
  });
  const plan = planStages(built.experiment, sized.sizes);
  return {
    ...(runDir !== undefined ? { runDir } : {}),
    configFile,
    configFiles: read.files,
    namespace: read.namespace,
    experiment: built.experiment,
    sizes: sized.sizes,
    plan,
    settings,
    ...(ocRoot !== undefined ? { ocRoot } : {}),
    issues: [...read.issues, ...built.issues, ...sized.issues, ...plan.issues],
    ...(counts !== undefined ? { counts } : {}),
  };
}

function findSizeCache(folders: (string | undefined)[]): string | undefined {
  return folders
    .filter((f): f is string => f !== undefined)
    .map((f) => join(f, SIZE_CACHE))
    .find(existsSync);
}

function unreadable(file: string, message: string, hint: string): ShardwiseError {
  return new ShardwiseError(issue('SW_FILE_UNREADABLE', message, { file, hint }));
}
