import {
  issue,
  issueCodes,
  pyRepr,
  ShardwiseError,
  type EvaluatorEntry,
  type IssueCode,
  type MergeRules,
  type Plan,
  type EvaluatorInfo,
} from '@shardwise/core';
import { evaluatorInfo } from '@shardwise/merge';
import { evalShardsOf, stageFilesOf, type Experiment, type StageSetting } from '@shardwise/plan';
import { canonicalJson } from './canonical-json.js';
import { sha256Hex } from './file-digest.js';
import { SUMMARIZER_TYPE, summarizerSettings } from './summarizer-settings.js';
import { renderTemplate } from './template-renderer.js';

export const MODULE_FILE = 'numworker_summarizer.py';
export const CONFIG_FILE = 'summarizer_config.py';

export interface SummarizerInputs {
  shardwiseVersion: string;
  experiment: Experiment;
  plan: Plan;
  /** The text of the rule table file, embedded verbatim. */
  rulesText: string;
  /** The experiment's shardwise.toml `[merge] rules`, as loadMergeRules converted them (they go in front). */
  userRules?: EvaluatorEntry[];
  /** How the config is named in the headers (a path as the user gave it). */
  configLabel: string;
  /** The folder the files go to, for the PYTHONPATH line of the usage comment. */
  outDir: string;
}

export interface GeneratedFile {
  name: string;
  text: string;
}

/** One planned shard as the generated module sees it. */
export interface ModuleShard {
  shard: number;
  abbr: string;
  rows: number;
  /** Run-relative result (eval) or predictions (infer) path. */
  path: string;
}

/** What the generated module embeds per model × eval-split dataset, in the TS core's merge order. */
export interface ModuleMerge {
  model: string;
  dataset: string;
  n: number;
  evaluator: EvaluatorInfo;
  shards: ModuleShard[];
  /** The infer shards whose predictions re-evaluation concatenates (empty when infer was not split). */
  inferShards: ModuleShard[];
}

export interface ModulePlan {
  /** Shown in the re-evaluation command; null when the run has no known config file. */
  config: string | null;
  /** Every dataset abbr of the config (`<abbr>_<j>.json` naming one of them is not a stray shard). */
  datasetAbbrs: string[];
  merges: ModuleMerge[];
}

/** Every code the generated module can report, with its registry severity (errors set exit status 1). */
// The module reports every merge code (derived, so a new one cannot be forgotten) plus the reading and writing codes.
const MODULE_CODES: IssueCode[] = [
  'SW_FILE_UNREADABLE',
  'SW_JSON_SYNTAX',
  'SW_JSON_TRUNCATED',
  'SW_JSON_DUPLICATE_KEY',
  'SW_WRITE_FAILED',
  ...(Object.keys(issueCodes) as IssueCode[]).filter((c) => c.startsWith('SW_MERGE_')),
];

/**
 * `numworker_summarizer.py` and `summarizer_config.py`, deterministic: headers carry the shardwise
 * version and the sha256 of everything rendered in (plan entries, rule table, summarizer settings).
 */
export function generateSummarizerFiles(input: SummarizerInputs): GeneratedFile[] {
  const modulePlan = modulePlanOf(input.experiment, input.plan);
  const userRules = input.userRules ?? [];
  const settings = summarizerSettings(input.experiment);
  const datasetAbbrs = settings.datasetAbbrs?.map((r) => pyRepr(r));
  const summaryGroups = settings.summaryGroups?.map((g) => pyRepr(g));
  const planJson = rawPyJson(modulePlan);
  const userRulesJson = rawPyJson(userRules);
  const severityJson = rawPyJson(Object.fromEntries(MODULE_CODES.map((c) => [c, issueCodes[c].severity])));
  if (input.rulesText.includes("'''") || input.rulesText.endsWith('\\')) {
    throw new ShardwiseError(issue('SW_INTERNAL', "the merge-rule table contains ''' and cannot be embedded in a raw Python string"));
  }
  const inputsSha256 = sha256Hex(
    canonicalJson({
      modulePlan,
      rules: sha256Hex(input.rulesText),
      userRules,
      datasetAbbrs,
      summaryGroups,
      pairing: pairingOf(input.experiment),
    }),
  );
  const header = {
    version: input.shardwiseVersion,
    inputsSha256,
    configFile: oneLine(input.configLabel),
    inferPartitioner: oneLine(describe(input.experiment.infer)),
    evalPartitioner: oneLine(describe(input.experiment.eval)),
  };
  return [
    {
      name: MODULE_FILE,
      text: renderTemplate(
        'numworker_summarizer.py.hbs',
        { ...header, rulesText: input.rulesText, userRulesJson, planJson, severityJson },
        'none',
      ),
    },
    {
      name: CONFIG_FILE,
      text: renderTemplate(
        'summarizer_config.py.hbs',
        {
          ...header,
          outDir: oneLine(input.outDir),
          summarizerType: SUMMARIZER_TYPE,
          hasDatasetAbbrs: datasetAbbrs !== undefined,
          datasetAbbrs,
          hasSummaryGroups: summaryGroups !== undefined,
          summaryGroups,
        },
        'none',
      ),
    },
  ];
}

/** The shardwise.toml `[merge] rules` that loadMergeRules put in front of the built-in table (rendered in separately). */
export const tomlRulesOf = (table: MergeRules): EvaluatorEntry[] => table.evaluators.filter((e) => e.source === 'shardwise.toml');

/** JSON for a Python r'''…''' literal: `'` as \u0027 so no value can close the literal. */
const rawPyJson = (value: unknown): string => JSON.stringify(value, null, 1).replace(/'/g, '\\u0027');

/** Per model, per dataset split in the eval stage, in the order mergeRun visits them: what the Python merge needs. */
export function modulePlanOf(experiment: Experiment, plan: Plan): ModulePlan {
  const merges: ModuleMerge[] = [];
  const shardOf = (f: { shard: number | null; abbr: string; size: number; path: string }): ModuleShard => ({
    shard: f.shard ?? 0,
    abbr: f.abbr,
    rows: f.size,
    path: f.path,
  });
  for (const model of experiment.models) {
    for (const dataset of experiment.datasets) {
      const shards = evalShardsOf(plan, model.abbr, dataset.abbr);
      if (!shards.length) continue;
      const infer = stageFilesOf(plan.stages.infer, model.abbr, dataset.abbr).filter((f) => f.shard !== null);
      merges.push({
        model: model.abbr,
        dataset: dataset.abbr,
        n: dataset.n,
        evaluator: evaluatorInfo(dataset),
        shards: shards.map(shardOf),
        inferShards: infer.map(shardOf),
      });
    }
  }
  return { config: experiment.configFile ?? null, datasetAbbrs: experiment.datasets.map((d) => d.abbr), merges };
}

function pairingOf(experiment: Experiment): string[] {
  return [describe(experiment.infer), describe(experiment.eval)];
}

/** `NumWorkerPartitioner(num_worker=8, num_split=None)`, `(assumed CLI default)` when not in the config. */
function describe(s: StageSetting): string {
  const args = [...s.args].map(([k, v]) => `${String(k)}=${pyRepr(v)}`).join(', ');
  return `${s.kind}(${args})${s.assumed ? ' (assumed CLI default)' : ''}`;
}

const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ');
