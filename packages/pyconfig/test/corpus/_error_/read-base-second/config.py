from mmengine.config import read_base

with read_base():
    from .base_a import a_datasets

with read_base():
    from .base_a import a_datasets as again
