from mmengine.config import read_base
import os

with read_base():
    from opencompass.configs.datasets.ruler_demo.ruler_gen import ruler_datasets

judge = os.getenv('JUDGE_MODEL', 'none')
home_seen = os.environ.get('HOME')
del os
