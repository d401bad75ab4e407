# The shape of ruler_8k_gen.py: every imported dataset is a ConfigDict, copied with .deepcopy().
from mmengine.config import read_base

with read_base():
    from .ruler_tasks import cwe_datasets as cwe
    from .ruler_tasks import niah_datasets as niah

import_ds = sum((cwe, niah), [])
NUM_SAMPLES = 100
max_seq_lens = [1024 * 8]
abbr_suffixs = ['8k']

ruler_datasets = []
for max_seq_len, abbr_suffix in zip(max_seq_lens, abbr_suffixs):
    for dataset in import_ds:
        tmp_dataset = dataset.deepcopy()
        tmp_dataset['abbr'] = tmp_dataset['abbr'] + '_' + abbr_suffix
        tmp_dataset['num_samples'] = NUM_SAMPLES
        tmp_dataset['max_seq_length'] = max_seq_len
        tmp_dataset['tags'] = tmp_dataset.get('tags', []) + [abbr_suffix]
        ruler_datasets.append(tmp_dataset)
