from mmengine.config import read_base

with read_base():
    from .bases.shared import shared_datasets, leaf_value
    from .bases.deeper.leaf import leaf_datasets

datasets = shared_datasets + leaf_datasets
total = leaf_value * 2
