import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A synthetic experiment shaped like the largest OpenCompass examples (eval_corebench_2409_longcontext:
 * ~2,700 datasets): a top-level config whose read_base block imports `files` dataset configs, each of which
 * imports a shared prompt file and builds its datasets in a loop with f-strings, collected with
 * sum(locals()) and mutated afterwards.
 */
export interface BenchExperiment {
  config: string;
  ocRoot: string;
  expectedDatasets: number;
}

export function generateExperiment(dir: string, files = 90, subjectsPerFile = 30): BenchExperiment {
  const ocRoot = join(dir, 'oc');
  const datasetsDir = join(ocRoot, 'opencompass', 'configs', 'datasets', 'bench');
  mkdirSync(datasetsDir, { recursive: true });
  writeFileSync(join(ocRoot, 'opencompass', '__init__.py'), '');
  writeFileSync(
    join(datasetsDir, 'bench_common.py'),
    [
      'from opencompass.openicl.icl_prompt_template import PromptTemplate',
      'from opencompass.openicl.icl_retriever import ZeroRetriever',
      '',
      "bench_prompt = dict(type=PromptTemplate, template=dict(round=[dict(role='HUMAN', prompt='{question}'), dict(role='BOT', prompt='{answer}')]))",
      'bench_retriever = dict(type=ZeroRetriever)',
      '',
    ].join('\n'),
  );
  for (let i = 0; i < files; i++) {
    writeFileSync(
      join(datasetsDir, `bench_${i}_gen.py`),
      `from mmengine.config import read_base
from opencompass.openicl.icl_inferencer import GenInferencer
from opencompass.openicl.icl_evaluator import AccEvaluator
from opencompass.datasets import BenchDataset${i}

with read_base():
    from .bench_common import bench_prompt, bench_retriever

_subjects = [f'subject_{j:03d}' for j in range(${subjectsPerFile})]
bench_${i}_reader_cfg = dict(input_columns=['question'], output_column='answer', train_split='dev')
bench_${i}_datasets = []
for _idx, _subject in enumerate(_subjects):
    _prompt = dict(bench_prompt)
    _prompt['template'] = dict(round=[dict(role='HUMAN', prompt=f'Subject {_subject.replace("_", " ").title()} ({_idx + 1}/{len(_subjects)}): {{question}}')])
    bench_${i}_datasets.append(
        dict(
            abbr=f'bench${i}-{_subject}',
            type=BenchDataset${i},
            path=f'data/bench${i}/{_subject}.jsonl',
            reader_cfg=bench_${i}_reader_cfg,
            infer_cfg=dict(prompt_template=_prompt, retriever=bench_retriever, inferencer=dict(type=GenInferencer, max_out_len=512 if _idx % 2 else 1024)),
            eval_cfg=dict(evaluator=dict(type=AccEvaluator), pred_role='BOT', weight=round(1 / (_idx + 1), 4)),
        )
    )
del _prompt
`,
    );
  }
  const imports = Array.from(
    { length: files },
    (_, i) => `    from opencompass.configs.datasets.bench.bench_${i}_gen import bench_${i}_datasets`,
  ).join('\n');
  const config = join(dir, 'eval_bench.py');
  writeFileSync(
    config,
    `from mmengine.config import read_base
from opencompass.models import HuggingFacewithChatTemplate
from opencompass.partitioners import NumWorkerPartitioner, NaivePartitioner
from opencompass.runners import LocalRunner
from opencompass.tasks import OpenICLInferTask, OpenICLEvalTask

with read_base():
${imports}

datasets = sum((v for k, v in locals().items() if k.endswith('_datasets')), [])
for d in datasets:
    d['reader_cfg']['test_range'] = '[0:100]'
    d['infer_cfg']['inferencer']['max_out_len'] = max(d['infer_cfg']['inferencer']['max_out_len'], 768)
models = [dict(type=HuggingFacewithChatTemplate, abbr=f'model-{n}', path=f'org/model-{n}', max_out_len=2048, batch_size=8, run_cfg=dict(num_gpus=1)) for n in range(3)]
infer = dict(partitioner=dict(type=NumWorkerPartitioner, num_worker=8), runner=dict(type=LocalRunner, max_num_workers=32, task=dict(type=OpenICLInferTask)))
eval = dict(partitioner=dict(type=NaivePartitioner), runner=dict(type=LocalRunner, task=dict(type=OpenICLEvalTask)))
work_dir = 'outputs/bench'
`,
  );
  return { config, ocRoot, expectedDatasets: files * subjectsPerFile };
}
