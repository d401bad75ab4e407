from mmengine.config import read_base

with read_base():
    from opencompass.configs.datasets.demo_gsm8k.gsm8k_gen import gsm8k_datasets as gsm
    from opencompass.configs.models.demo.hf_demo import models as demo_models
    from opencompass.configs.summarizers.demo import summarizer

datasets = [*gsm]
models = demo_models
work_dir = './outputs/absolute'
