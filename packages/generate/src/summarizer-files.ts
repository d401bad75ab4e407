import { dig, issue, pyRepr, ShardwiseError, type Plan, type PyDict, type PyValue } from '@shardwise/core';
import { evalShardsOf, lastSegment, type Experiment, type StageSetting } from '@shardwise/plan';
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
  /** How the config is named in the headers (a path as the user gave it). */
  configLabel: string;
  /** The folder the files go to, for the PYTHONPATH line of the usage comment. */
  outDir: string;
}

export interface GeneratedFile {
  name: string;
  text: string;
}

/** What the generated module embeds per model × eval-split dataset: evaluator and expected shards. */
export interface ModulePlanEntry {
  n: number;
  evaluator: { type?: string; postprocessor?: string; configKeys: string[] };
  shards: [string, number][];
}

/**
 * `numworker_summarizer.py` and `summarizer_config.py`, deterministic: headers carry the shardwise
 * version and the sha256 of everything rendered in (plan entries, rule table, summarizer settings).
 */
export function generateSummarizerFiles(input: SummarizerInputs): GeneratedFile[] {
  const modulePlan = modulePlanOf(input.experiment, input.plan);
  const settings = summarizerSettings(input.experiment);
  const datasetAbbrs = settings.datasetAbbrs.map((r) => pyRepr(r));
  const summaryGroups = settings.summaryGroups.map((g) => pyRepr(g));
  // `'` as \u0027 keeps the JSON inside the module's r'''…''' literal whatever the abbrs hold.
  const planJson = JSON.stringify(modulePlan, null, 1).replace(/'/g, '\\u0027');
  if (input.rulesText.includes("'''") || input.rulesText.endsWith('\\')) {
    throw new ShardwiseError(issue('SW_INTERNAL', "the merge-rule table contains ''' and cannot be embedded in a raw Python string"));
  }
  const inputsSha256 = sha256Hex(canonicalJson({ modulePlan, rules: sha256Hex(input.rulesText), datasetAbbrs, summaryGroups, pairing: pairingOf(input.experiment) }));
  const header = {
    version: input.shardwiseVersion,
    inputsSha256,
    configFile: oneLine(input.configLabel),
    inferPartitioner: oneLine(describe(input.experiment.infer)),
    evalPartitioner: oneLine(describe(input.experiment.eval)),
  };
  return [
    { name: MODULE_FILE, text: renderTemplate('numworker_summarizer.py.hbs', { ...header, rulesText: input.rulesText, planJson }, 'none') },
    {
      name: CONFIG_FILE,
      text: renderTemplate('summarizer_config.py.hbs', { ...header, outDir: oneLine(input.outDir), summarizerType: SUMMARIZER_TYPE, datasetAbbrs, summaryGroups }, 'none'),
    },
  ];
}

/** Per model, per dataset split in the eval stage: what the Python merge needs. Plan order. */
export function modulePlanOf(experiment: Experiment, plan: Plan): Record<string, Record<string, ModulePlanEntry>> {
  const out: Record<string, Record<string, ModulePlanEntry>> = {};
  for (const model of experiment.models) {
    for (const dataset of experiment.datasets) {
      const shards = evalShardsOf(plan, model.abbr, dataset.abbr);
      if (!shards.length) continue;
      const evaluator = dig(dataset.config, 'eval_cfg', 'evaluator');
      const post = dig(evaluator, 'dict_postprocessor', 'type');
      (out[model.abbr] ??= {})[dataset.abbr] = {
        n: dataset.n,
        evaluator: {
          ...(dataset.evaluatorType !== undefined ? { type: dataset.evaluatorType } : {}),
          ...(typeof post === 'string' ? { postprocessor: lastSegment(post) } : {}),
          configKeys: evaluator instanceof Map ? [...evaluator.keys()].filter((k): k is string => typeof k === 'string') : [],
        },
        shards: shards.map((f) => [f.abbr, f.size]),
      };
    }
  }
  return out;
}

function pairingOf(experiment: Experiment): string[] {
  return [describe(experiment.infer), describe(experiment.eval)];
}

/** `NumWorkerPartitioner(num_worker=8, num_split=None)`, `(assumed CLI default)` when not in the config. */
function describe(s: StageSetting): string {
  const args = [...(s.args as PyDict)].map(([k, v]) => `${String(k)}=${pyRepr(v as PyValue)}`).join(', ');
  return `${s.kind}(${args})${s.assumed ? ' (assumed CLI default)' : ''}`;
}

const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ');

