from mmengine.config import read_base

with read_base():
    from .missing_base import datasets
