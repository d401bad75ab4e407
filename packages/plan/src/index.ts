// Public face of @shardwise/plan.
export type { Experiment, ModelEntry, DatasetEntry, StageSetting, Combination } from './experiment.js';
