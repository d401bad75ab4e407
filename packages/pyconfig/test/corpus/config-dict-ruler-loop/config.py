# The shapes of examples/eval_ruler.py and eval_corebench_2409_longcontext.py: bases re-imported under
# several names, .deepcopy() per model and length, sum() over locals(), item writes on imported models.
from mmengine.config import read_base

with read_base():
    from .ruler_8k_gen import ruler_datasets as ruler_8k_datasets
    from .ruler_tasks import cwe_datasets
    from .ruler_tasks import niah_datasets

import_datasets = sum((cwe_datasets, niah_datasets), [])
models = [dict(abbr='m1', max_seq_len=2048, engine_config=dict(tp=1)), dict(abbr='m2', max_seq_len=2048, engine_config=dict(tp=1))]
model_settings = [[models[0], 'org/m1'], [models[1], 'org/m2']]

datasets = []
model_dataset_combinations = []
for max_seq_len, abbr_suffix in zip([1024 * 4, 1024 * 8], ['4k', '8k']):
    for model, model_path in model_settings:
        _tmp_datasets = []
        for dataset in import_datasets:
            tmp_dataset = dataset.deepcopy()
            tmp_dataset['tokenizer_model'] = model_path
            tmp_dataset['abbr'] = tmp_dataset['abbr'] + '_' + abbr_suffix
            tmp_dataset['max_seq_length'] = max_seq_len
            _tmp_datasets.append(tmp_dataset)
        model_dataset_combinations.append(dict(models=[model], datasets=_tmp_datasets))
        datasets.extend(_tmp_datasets)

# The deep copies share nothing with the imported datasets or with each other.
import_datasets[0]['reader_cfg']['input_columns'].append('context')
first_copy_columns = datasets[0]['reader_cfg']['input_columns']
copies_independent = datasets[0]['reader_cfg'] is not datasets[1]['reader_cfg']
# ConfigDict attribute access on deep copies and on imported items (nested dicts are ConfigDicts too).
attribute_reads = [d.abbr for d in ruler_8k_datasets] + [cwe_datasets[0].eval_cfg.evaluator.type]
long_datasets = sum((v for k, v in locals().items() if k.endswith('_datasets') and k.startswith('ruler')), [])
del dataset, tmp_dataset, _tmp_datasets, model, model_path
