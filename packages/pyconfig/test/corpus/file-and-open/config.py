from mmengine.config import read_base

with read_base():
    from opencompass.configs.datasets.bbh_demo.bbh_gen import bbh_datasets

with_file = __file__.endswith('config.py')
