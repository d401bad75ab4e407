// Public face of @shardwise/plan.
export type { Experiment, ModelEntry, DatasetEntry, StageSetting, Combination } from './experiment.js';
export { buildExperiment, type BuildOptions } from './build-experiment.js';
export { datasetAbbr, modelAbbr, lastSegment } from './abbr.js';
export { resolveSizes, sizeOf, cacheInterpretation, loadedRows, type SizeSources } from './dataset-size.js';
export { planStages, evalShardsOf, stageFilesOf, PARTITIONERS, type PlanOptions } from './plan-stages.js';
export { applySliceChain, slicedLength, randomSubsetLength, rangeLength, type PyRange } from './test-range.js';
export { numWorkerStep, NUM_WORKER_VERSIONS } from './num-worker-partitioner.js';
export { costFactor, HEAVY_ABBR_PATTERNS } from './size-partitioner.js';
export { findRunConfig } from './run-config.js';
export { predictionRows, predictionRowsOfBytes, PredictionCounts, type PredictionRows, type CountedFile } from './prediction-rows.js';
export { layoutRows } from './prediction-layout.js';
export {
  runStatus,
  launchFolderOf,
  type RunStatus,
  type RunStatusOptions,
  type StageStatus,
  type ModelStageStatus,
  type TaskStatus,
  type TaskState,
  type OutputState,
  type ResumeCommand,
} from './run-status.js';
export { checkRun, checkFailed, type CheckOptions } from './check-run.js';
export { adviseSettings, digest } from './advice.js';
export { SHARD_READING_SUMMARIZERS, summarizerType } from './shard-rules.js';
export { outputPath, outputFolder, OUT_DIR } from './run-paths.js';
