from mmengine.config import read_base

with read_base():
    from .star_base import *

datasets = star_datasets
names = [k for k in locals() if not k.startswith('__')]
