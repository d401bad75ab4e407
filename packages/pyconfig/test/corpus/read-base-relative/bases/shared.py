from mmengine.config import read_base

with read_base():
    from .deeper.leaf import leaf_value, leaf_datasets as renamed_datasets

shared_datasets = [dict(abbr='shared', src=__file__.split('/')[-2:])] + renamed_datasets
