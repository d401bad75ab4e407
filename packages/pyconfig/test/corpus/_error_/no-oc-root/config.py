from mmengine.config import read_base

with read_base():
    from opencompass.configs.datasets.demo_math.math_gen import math_datasets
