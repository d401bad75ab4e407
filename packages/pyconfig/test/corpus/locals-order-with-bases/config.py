from mmengine.config import read_base

with read_base():
    from opencompass.configs.datasets.demo_math.math_gen import math_datasets
    from opencompass.configs.datasets.demo_gsm8k.gsm8k_gen import gsm8k_datasets

local_datasets = [dict(abbr='local')]
datasets = sum((v for k, v in locals().items() if k.endswith('_datasets')), [])
order = [k for k in locals()]
abbrs = [d['abbr'] for d in datasets]
