import { pyDict, type PyDict, type PyValue } from '@shardwise/core';

/** Builders for evaluated config namespaces, shaped as a dumped config reads back (types as dotted strings). */
const GEN_TEMPLATE = pyDict([
  [
    'round',
    [
      pyDict([
        ['role', 'HUMAN'],
        ['prompt', '{question}'],
      ]),
    ],
  ],
]);

export interface DatasetOptions {
  testRange?: PyValue;
  n?: number;
  evaluator?: string;
  /** PPL label template with these labels instead of a gen template. */
  labels?: string[];
  extra?: [string, PyValue][];
}

export function dataset(abbr: string, o: DatasetOptions = {}): PyDict {
  const template = o.labels ? pyDict(o.labels.map((l) => [l, `{question} ${l}`])) : GEN_TEMPLATE;
  const inferencer = o.labels ? 'opencompass.openicl.icl_inferencer.PPLInferencer' : 'opencompass.openicl.icl_inferencer.GenInferencer';
  const reader = pyDict([
    ['input_columns', ['question']],
    ['output_column', 'answer'],
  ]);
  if (o.testRange !== undefined) reader.set('test_range', o.testRange);
  return pyDict([
    ['abbr', abbr],
    ['type', 'opencompass.datasets.GSM8KDataset'],
    ['path', `opencompass/${abbr}`],
    ['reader_cfg', reader],
    [
      'infer_cfg',
      pyDict([
        [
          'prompt_template',
          pyDict([
            ['type', 'opencompass.openicl.icl_prompt_template.PromptTemplate'],
            ['template', template],
          ]),
        ],
        ['inferencer', pyDict([['type', inferencer]])],
      ]),
    ],
    ['eval_cfg', pyDict([['evaluator', pyDict([['type', `opencompass.openicl.icl_evaluator.${o.evaluator ?? 'AccEvaluator'}`]])]])],
    ...(o.n !== undefined ? ([['n', BigInt(o.n)]] as [string, PyValue][]) : []),
    ...(o.extra ?? []),
  ]);
}

export function model(abbr: string): PyDict {
  return pyDict([
    ['abbr', abbr],
    ['type', 'opencompass.models.HuggingFaceCausalLM'],
    ['path', `org/${abbr}`],
    ['batch_size', 8n],
  ]);
}

export function partitioner(kind: 'NaivePartitioner' | 'NumWorkerPartitioner' | 'SizePartitioner', args: [string, PyValue][] = []): PyDict {
  return pyDict([
    ['partitioner', pyDict([['type', `opencompass.partitioners.${kind}`], ...args])],
    ['runner', pyDict([['type', 'opencompass.runners.LocalRunner']])],
  ]);
}

export function namespace(o: {
  models?: PyDict[];
  datasets: PyDict[];
  infer?: PyDict;
  eval?: PyDict;
  extra?: [string, PyValue][];
}): PyDict {
  return pyDict([
    ['models', o.models ?? [model('m')]],
    ['datasets', o.datasets],
    ...(o.infer ? ([['infer', o.infer]] as [string, PyValue][]) : []),
    ...(o.eval ? ([['eval', o.eval]] as [string, PyValue][]) : []),
    ['work_dir', 'outputs/default/20250101_120000'],
    ...(o.extra ?? []),
  ]);
}
