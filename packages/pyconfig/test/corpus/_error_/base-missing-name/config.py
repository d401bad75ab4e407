from mmengine.config import read_base

with read_base():
    from .base_b import b_datasets, nope
